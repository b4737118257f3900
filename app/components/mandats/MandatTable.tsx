import { DONNEES_AUTORISEES } from "../../../src/donnees-personnelles/mandats.labels";
import type { MandatDetail } from "../../../src/mandats/get-mandat.server";
import { labelOf } from "../../../src/structures/structures.labels";
import { longDate, longDateTime } from "../format";
import { DsfrTable } from "../tables/DsfrTable";

/** The mandate as signed: the parties, its dates, the data it allows, its verification code. */
export function MandatTable({ mandat }: { mandat: MandatDetail }) {
  return (
    <DsfrTable id="table-mandat" caption="Le mandat">
      <tbody>
        <tr>
          <th scope="row">Mandant</th>
          <td>
            {mandat.mandant.prenom} {mandat.mandant.nom.toUpperCase()}
            {mandat.mandant.commune ? `, ${mandat.mandant.commune}` : ""}
          </td>
        </tr>
        <tr>
          <th scope="row">Mandataire</th>
          <td>
            {mandat.mandataire.prenom} {mandat.mandataire.nom}, agent France Services, {mandat.structure.nom}
          </td>
        </tr>
        <tr>
          <th scope="row">Établi le</th>
          <td>
            {longDateTime(mandat.createdAt)}, à {mandat.lieu}
          </td>
        </tr>
        <tr>
          <th scope="row">Signé le</th>
          <td>{mandat.signedOn ? longDate(mandat.signedOn) : "Signature non enregistrée"}</td>
        </tr>
        <tr>
          <th scope="row">Valable jusqu’au</th>
          <td>
            {mandat.signedOn ? longDate(mandat.expiresOn) : "Un an à compter de la signature"}
            {mandat.renewedAt ? ` (renouvelé le ${longDate(mandat.renewedAt)})` : ""}
          </td>
        </tr>
        {mandat.revokedOn && (
          <tr>
            <th scope="row">Révoqué le</th>
            <td>
              {longDate(mandat.revokedOn)} — motif : {mandat.revocationReason}
            </td>
          </tr>
        )}
        <tr>
          <th scope="row">Données autorisées</th>
          <td>
            <ul>
              {mandat.donnees.map((key) => (
                <li key={key}>{labelOf(DONNEES_AUTORISEES, key)}</li>
              ))}
            </ul>
            {mandat.identifiantsConnexion
              ? "Codes et identifiants de connexion inclus (jamais enregistrés)."
              : "Codes et identifiants de connexion non inclus."}
          </td>
        </tr>
        <tr>
          <th scope="row">Code de vérification</th>
          <td>
            {mandat.verificationCode} —{" "}
            <a href={`/verifier-mandat/${mandat.verificationCode.replace(/-/g, "")}`}>page publique de vérification</a>
          </td>
        </tr>
      </tbody>
    </DsfrTable>
  );
}
