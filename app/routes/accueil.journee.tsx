import { data } from "react-router";
import { orErrorPage, requirePermission } from "../../src/acces/guards.server";
import { dayView } from "../../src/accueil/day-view.server";
import { isIsoDay, longFrenchDay, parisDay, shiftDay } from "../../src/platform/time";
import { formatSeconds } from "../components/format";
import { Notice } from "../components/forms/fields";
import { DayNavigation } from "../components/journee/DayNavigation";
import { PassagesTable } from "../components/journee/PassagesTable";
import { TotalsTables } from "../components/journee/TotalsTables";
import type { Route } from "./+types/accueil.journee";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Journée${data ? ` du ${data.jourLabel}` : ""} — Guichet` },
];

const DATE_ERROR = "Date invalide : choisissez un jour au format JJ/MM/AAAA, aujourd’hui au plus tard.";

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "accueil:read_passages");
  const today = parisDay();
  const requested = new URL(request.url).searchParams.get("date");
  const valid = requested !== null && requested !== "" && isIsoDay(requested) && requested <= today;
  const dateError = requested && !valid ? DATE_ERROR : null;
  const jour = valid ? requested : today;
  const view = await orErrorPage(request, () => dayView(actor, { jour }));
  return data(
    {
      view,
      today,
      jourLabel: longFrenchDay(jour),
      previous: shiftDay(jour, -1),
      next: jour < today ? shiftDay(jour, 1) : null,
      requested: dateError && requested ? requested.slice(0, 20) : null,
      dateError,
    },
    { status: dateError ? 400 : 200 },
  );
}

function summary(view: Route.ComponentProps["loaderData"]["view"]): string {
  const { passages, sollicitations, attenteMoyenneSecondes, attentesMesurees } = view.totaux;
  const parts = [
    `${passages} passage${passages > 1 ? "s" : ""}`,
    `${sollicitations} sollicitation${sollicitations > 1 ? "s" : ""}`,
  ];
  parts.push(
    attenteMoyenneSecondes === null
      ? "aucune attente mesurée"
      : `attente moyenne ${formatSeconds(attenteMoyenneSecondes)} (sur ${attentesMesurees} attente${attentesMesurees > 1 ? "s" : ""} mesurée${attentesMesurees > 1 ? "s" : ""})`,
  );
  return parts.join(" · ");
}

export default function Journee({ loaderData }: Route.ComponentProps) {
  const { view, today, jourLabel, previous, next, requested, dateError } = loaderData;
  const ownOnly = view.perimetre === "agent";
  return (
    <>
      <h1>Journée du {jourLabel}</h1>
      <p className="fr-text--lead">
        {view.structure.nom} — {ownOnly ? "vos passages" : "tous les passages de la structure"}
      </p>
      <DayNavigation
        jour={view.jour}
        previous={previous}
        next={next}
        today={today}
        requested={requested}
        dateError={dateError}
      />
      <p className="fr-text--lg" data-testid="journee-synthese">
        {summary(view)}
      </p>
      {view.passages.length === 0 ? (
        <Notice kind="info">
          {ownOnly ? "Vous n’avez enregistré aucun passage ce jour-là." : "Aucun passage n’est enregistré ce jour-là."}
        </Notice>
      ) : (
        <>
          <PassagesTable
            caption={`${ownOnly ? "Vos passages" : "Passages"} du ${jourLabel}`}
            passages={view.passages}
            showAgent={!ownOnly}
          />
          <h2 className="fr-mt-6w">Totaux de la journée</h2>
          <TotalsTables parAgent={view.parAgent} parCanal={view.parCanal} totaux={view.totaux} />
        </>
      )}
    </>
  );
}
