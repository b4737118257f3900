import { requirePermission } from "../../src/acces/guards.server";
import { listOutbox, OUTBOX_PAGE_SIZE } from "../../src/admin/list-outbox.server";
import { config } from "../../src/platform/config.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { shortDateTime } from "../components/format";
import type { Route } from "./+types/admin.outbox";

export const meta: Route.MetaFunction = () => [{ title: "Courriels envoyés — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "outbox:read");
  const mails = await listOutbox(actor, { ip: clientIp(request), userAgent: userAgent(request) });
  return {
    smtpConfigured: Boolean(config().SMTP_URL),
    pageSize: OUTBOX_PAGE_SIZE,
    mails: mails.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString() })),
  };
}

/** The mail's text with its web addresses made clickable. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one split text, in a fixed order
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export default function AdminOutbox({ loaderData }: Route.ComponentProps) {
  const { mails, smtpConfigured, pageSize } = loaderData;
  return (
    <>
      <h1>Courriels envoyés</h1>
      <p>
        Quand aucun serveur d’envoi de courriels (SMTP) n’est configuré, comme en mode démonstration, Guichet n’envoie
        rien : les courriels arrivent ici, où un administrateur peut les lire et suivre leurs liens (réinitialisation de
        mot de passe, invitations…).
      </p>
      {smtpConfigured && (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" role="status">
          <p>
            Un serveur SMTP est configuré : les nouveaux courriels partent par ce serveur et n’apparaissent plus sur
            cette page.
          </p>
        </div>
      )}
      {mails.length === 0 ? (
        <p>Aucun courriel pour le moment.</p>
      ) : (
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>{`Les ${pageSize} derniers courriels au plus, du plus récent au plus ancien`}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Objet</th>
                <th scope="col">Texte</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id}>
                  <td>{shortDateTime(mail.createdAt)}</td>
                  <td>{mail.to}</td>
                  <td>{mail.subject}</td>
                  <td>
                    <pre className="fr-text--sm fr-mb-0" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                      <LinkedText text={mail.text} />
                    </pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
