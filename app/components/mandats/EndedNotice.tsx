import type { MandatDetail } from "../../../src/mandats/get-mandat.server";
import { longParisDate } from "../format";
import { Notice } from "../forms/fields";

/**
 * A mandate that ended with its démarches stays ended when one of them reopens ("mandat type"):
 * the page says so and points to the two ways on, a renewal or a new mandate.
 */
export function EndedNotice({ mandat }: { mandat: MandatDetail }) {
  return (
    <Notice kind="warning" title="Ce mandat a pris fin">
      <p>
        {mandat.endedAt ? `Depuis le ${longParisDate(mandat.endedAt)}, toutes` : "Toutes"} les démarches qu’il couvrait
        sont terminées ou abandonnées : il ne permet plus d’agir au nom de l’usager.
        {mandat.renewable && " Une démarche couverte a été rouverte depuis : elle n’est plus couverte."}
      </p>
      <ul>
        {mandat.renewable && (
          <li>
            <a href="#renouvellement-titre">Renouveler ce mandat avec l’accord de l’usager</a>
          </li>
        )}
        {mandat.usagerId && (
          <li>
            <a href={`/mandats/nouveau?usager=${mandat.usagerId}`}>Établir un nouveau mandat</a>
          </li>
        )}
      </ul>
    </Notice>
  );
}
