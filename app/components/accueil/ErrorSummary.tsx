import type { SubmissionResult } from "@conform-to/react";
import { useEffect, useRef } from "react";
import { demandeNames } from "./DemandeFieldset";

/**
 * The errors of a submission at the top of the form: a count and one link per field. After the
 * server's answer (a 400), the focus moves here so that keyboard and screen-reader users start
 * from the list; browser-side validation focuses the first invalid field itself.
 */
export function ErrorSummary({
  formId,
  errors,
  reply,
}: {
  formId: string;
  errors: Record<string, string[] | undefined>;
  reply: SubmissionResult<string[]> | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).filter(
    ([name, messages]) => name !== "" && messages && messages.length > 0,
  ) as Array<[string, string[]]>;
  useEffect(() => {
    if (reply?.status === "error") ref.current?.focus();
  }, [reply]);
  if (entries.length === 0) return null;
  return (
    // After the server's answer, even without JavaScript (autofocus), the focus starts here.
    <div
      className="fr-alert fr-alert--error fr-mb-3w"
      role="alert"
      tabIndex={-1}
      ref={ref}
      id={`${formId}-erreurs`}
      // biome-ignore lint/a11y/noAutofocus: the user asked for it by submitting; focusing the error summary is the RGAA pattern
      autoFocus={reply?.status === "error"}
    >
      <h2 className="fr-alert__title">
        {entries.length === 1 ? "Une information est à corriger" : `${entries.length} informations sont à corriger`}
      </h2>
      <ul>
        {entries.map(([name, messages]) => {
          const { label, anchor } = describeField(formId, name);
          return (
            <li key={name}>
              <a href={`#${anchor}`}>
                {label} : {messages[0]}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Field names the error summary links to, and how it names them. */
export function describeField(formId: string, name: string): { label: string; anchor: string } {
  const demande = /^sollicitations\[(\d+)\]\.(\w+)$/.exec(name);
  if (demande) {
    const index = Number(demande[1]);
    const field = ["partenairesLocaux", "horsPartenaires"].includes(demande[2]) ? "partenaires" : demande[2];
    const { id } = demandeNames(formId, index);
    const labels: Record<string, string> = {
      partenaires: "Partenaires concernés",
      situations: "Situations",
      aides: "Aide apportée",
      autonomie: "Autonomie numérique",
      issue: "Issue de la demande",
      signalements: "Signalements",
      precision: "Précision",
    };
    return { label: `${labels[field] ?? "Demande"} (demande ${index + 1})`, anchor: id(field) };
  }
  const passage: Record<string, [string, string]> = {
    canal: ["Canal", `${formId}-canal`],
    debut: ["Début du passage", `${formId}-debut`],
    debutLocal: ["Début du passage", `${formId}-debut`],
    dureeMinutes: ["Durée", `${formId}-dureeMinutes`],
    avecRdv: ["Rendez-vous", `${formId}-rdv`],
    trancheAge: ["Tranche d’âge", `${formId}-trancheAge`],
    genre: ["Genre", `${formId}-genre`],
    communeResidence: ["Commune de résidence", `${formId}-communeResidence`],
    premiereVisite: ["Première visite", `${formId}-visite`],
    equipements: ["Équipements", `${formId}-equipements`],
  };
  const [label, anchor] = passage[name] ?? ["Demande", demandeNames(formId, 0).id("fieldset")];
  return { label, anchor };
}
