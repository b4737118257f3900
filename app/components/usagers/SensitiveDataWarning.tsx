/** Shown above every notes field: what must never be written there. */
export function SensitiveDataWarning() {
  return (
    <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
      <p>
        N’inscrivez dans les notes que ce qui sert au suivi. Jamais de données sensibles (santé, opinions, origine,
        religion, condamnations…), ni mot de passe, ni identifiant de connexion, ni numéro de sécurité sociale.
      </p>
    </div>
  );
}
