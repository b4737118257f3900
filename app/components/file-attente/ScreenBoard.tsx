import { calledName, peopleWaiting } from "./wording";

export type ScreenBoardData = {
  structure: { nom: string; active: boolean };
  calls: Array<{ id: string; ticket: number; prenom: string | null; calledAt: string }>;
  waiting: number;
  heure: string;
};

const INVITATION = "veuillez vous présenter à l’accueil";

/**
 * The waiting-room display: large, high-contrast DSFR typography. The current call sits in a
 * polite live region, so a screen reader announces each new call once (never the clock).
 */
export function ScreenBoard({ board }: { board: ScreenBoardData }) {
  const [current, ...previous] = board.calls;
  return (
    <div className="guichet-ecran">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
        <div className="fr-col-12 fr-col-md-8">
          <h1 className="fr-h2 fr-mb-0">Salle d’attente — {board.structure.nom}</h1>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <p className="fr-display--xs fr-mb-0">
            <span className="fr-sr-only">Il est </span>
            <time>{board.heure}</time>
          </p>
        </div>
      </div>

      {!board.structure.active ? (
        <p className="fr-display--xs fr-mt-6w">La file d’attente n’est pas activée pour cette structure.</p>
      ) : (
        <>
          <section className="fr-background-alt--blue-france fr-p-4w fr-my-4w" aria-labelledby="ecran-appel">
            <h2 id="ecran-appel" className="fr-h3">
              Appel en cours
            </h2>
            <div aria-live="polite" aria-atomic="true">
              {current ? (
                <p className="fr-display--lg fr-mb-0">
                  {calledName(current)} <span className="fr-h1">— {INVITATION}</span>
                </p>
              ) : (
                <p className="fr-display--xs fr-mb-0">Aucun appel pour le moment.</p>
              )}
            </div>
          </section>

          <div className="fr-grid-row fr-grid-row--gutters">
            <section className="fr-col-12 fr-col-md-7" aria-labelledby="ecran-precedents">
              <h2 id="ecran-precedents" className="fr-h3">
                Appels précédents
              </h2>
              {previous.length === 0 ? (
                <p className="fr-text--lead">Aucun autre appel aujourd’hui.</p>
              ) : (
                <ul className="fr-raw-list">
                  {previous.map((call) => (
                    <li key={call.id} className="fr-h3 fr-mb-2w">
                      {calledName(call)} — {INVITATION}{" "}
                      <span className="fr-text--lead">(appel de {call.calledAt})</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="fr-col-12 fr-col-md-5" aria-labelledby="ecran-attente">
              <h2 id="ecran-attente" className="fr-h3">
                En attente
              </h2>
              <p className="fr-display--sm" data-testid="ecran-en-attente">
                {peopleWaiting(board.waiting)}
              </p>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
