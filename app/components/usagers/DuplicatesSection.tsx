import { Form } from "react-router";
import type { UsagerFile } from "../../../src/usagers/get-usager.server";
import { longDate } from "../format";
import { FormErrors } from "../forms/fields";

/** The files with the same name in the structure, each mergeable into this one. */
export function DuplicatesSection({
  duplicates,
  errors,
}: {
  duplicates: UsagerFile["duplicates"];
  errors: string[] | undefined;
}) {
  if (duplicates.length === 0) return null;
  return (
    <>
      <h3 className="fr-h6">Fiches en double</h3>
      <p>
        Ces fiches portent le même nom dans votre structure. Fusionner rattache leurs démarches et mandats à cette
        fiche, puis supprime le double.
      </p>
      <FormErrors errors={errors} />
      <ul>
        {duplicates.map((duplicate) => (
          <li key={duplicate.id} className="fr-mb-2w">
            <a href={`/usagers/${duplicate.id}`}>
              {duplicate.nom.toUpperCase()} {duplicate.prenom}
              {duplicate.dateNaissance ? `, né(e) le ${longDate(duplicate.dateNaissance)}` : ""}
              {duplicate.commune ? `, ${duplicate.commune}` : ""}
            </a>
            <Form method="post" className="guichet-inline-form">
              <input type="hidden" name="intent" value="fusionner" />
              <input type="hidden" name="duplicateId" value={duplicate.id} />{" "}
              <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                Fusionner dans cette fiche
                <span className="fr-sr-only">
                  {" "}
                  : {duplicate.nom} {duplicate.prenom}
                </span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
