import { requirePublic } from "../../src/acces/guards.server";
import { readRgpdRegister } from "../../src/platform/rgpd-register.server";

/** The register of processing, served as the text it is written in (docs/rgpd.md). */
export async function loader({ request }: { request: Request }) {
  requirePublic(request);
  const text = await readRgpdRegister();
  if (text === null)
    return new Response("Registre indisponible sur cette instance.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(text, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
