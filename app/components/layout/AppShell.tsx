import type { ReactNode } from "react";
import type { Shell } from "../../../src/acces/shell.server";
import { Footer } from "./Footer";
import { Header } from "./Header";

export function AppShell({ shell, children }: { shell: Shell; children: ReactNode }) {
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                Contenu
              </a>
            </li>
            <li>
              <a className="fr-link" href="#pied-de-page">
                Pied de page
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <Header shell={shell} />
      <main id="contenu" className="fr-container fr-py-4w guichet-main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </>
  );
}
