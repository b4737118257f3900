import { it } from "vitest";
import { action } from "../../app/routes/api.v1.passages";
import { createApiToken } from "../comptes/api-tokens.server";
import { anonymousRequest, createTestStructure, createTestUser } from "../test/factories";
const demande = { partenaires: ["caf"], situations: ["allocation_logement"], aides: ["demarche_en_ligne"], autonomie: "partiellement", issue: "resolu_sur_place" };
it("probe", async () => {
  const structureId = await createTestStructure();
  const { email } = await createTestUser([{ role: "agent", structureId }]);
  const token = (await createApiToken({ email, name: "p" })).token;
  for (const body of [
    { sollicitations: [{ ...demande, precision: "a\u0000b" }] },
    { debut: "-271821-04-20T00:00:00.000Z", sollicitations: [demande] },
    { debut: "0000-01-01", sollicitations: [demande] },
    { debut: "-004714-01-01", sollicitations: [demande] },
    { debut: 0, sollicitations: [demande] },
    { debut: true, sollicitations: [demande] },
    { debut: null, sollicitations: [demande] },
    { debut: [], sollicitations: [demande] },
    { sollicitations: [{ ...demande, precision: "\uD800" }] },
    { communeResidence: "57631\u0000", sollicitations: [demande] },
  ]) {
    try {
      const r = await action({ request: anonymousRequest("/api/v1/passages", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) }), params: {}, context: { cspNonce: "" } } as never);
      console.log(JSON.stringify(body).slice(0, 60), r.status, (await r.text()).slice(0, 200));
    } catch (e) { console.log(JSON.stringify(body).slice(0, 60), "THREW", String(e).slice(0, 200)); }
  }
});
