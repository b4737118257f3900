import { Form } from "react-router";
import type { QuickPickChoice } from "./demande";

export type QuickPickOption = QuickPickChoice & { label: string; param: string };

/**
 * The structure's frequent demands as one-click choices. Without JavaScript each one is a submit
 * button of a small GET form that reloads the page with the demand pre-filled; with it, a click
 * fills the form in place and moves on to the autonomy.
 */
export function QuickPicks({
  picks,
  hidden,
  onPick,
}: {
  picks: readonly QuickPickOption[];
  hidden: Record<string, string>;
  onPick?: (pick: QuickPickOption) => void;
}) {
  return (
    <section className="fr-mb-4w" aria-labelledby="demandes-frequentes">
      <h3 className="fr-h5 fr-mb-2w" id="demandes-frequentes">
        Demandes fréquentes
      </h3>
      <Form method="get" action="/accueil" id="raccourcis">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <ul className="fr-btns-group fr-btns-group--inline-md">
          {picks.map((pick) => (
            <li key={pick.param}>
              <button
                className="fr-btn fr-btn--secondary"
                type="submit"
                name="raccourci"
                value={pick.param}
                onClick={
                  onPick
                    ? (event) => {
                        event.preventDefault();
                        onPick(pick);
                      }
                    : undefined
                }
              >
                {pick.label}
              </button>
            </li>
          ))}
        </ul>
      </Form>
    </section>
  );
}
