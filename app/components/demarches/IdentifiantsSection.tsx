import type { DemarcheDetail } from "../../../src/demarches/get-demarche.server";

/** The usager's identifiers this démarche needs, masked: they are shown in clear from the usager's file only. */
export function IdentifiantsSection({ demarche }: { demarche: DemarcheDetail }) {
  if (demarche.identifiants.length === 0) return null;
  return (
    <>
      <h2 className="fr-mt-4w">Identifiants enregistrés pour cette démarche</h2>
      <ul>
        {demarche.identifiants.map((identifiant) => (
          <li key={identifiant.id}>
            {identifiant.label} : {identifiant.masked}
          </li>
        ))}
      </ul>
      <p>
        <a className="fr-link" href={`/usagers/${demarche.usager.id}`}>
          Les afficher depuis la fiche de l’usager
        </a>
      </p>
    </>
  );
}
