import { Form, Link, useLocation } from "react-router";
import type { Shell } from "../../../src/acces/shell.server";
import { currentNavTarget, navItemsFor } from "./navigation";

export function Header({ shell }: { shell: Shell }) {
  const location = useLocation();
  return (
    <header className="fr-header">
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                <div className="fr-header__logo">
                  <p className="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
                {shell && (
                  <div className="fr-header__navbar">
                    <button
                      type="button"
                      className="fr-btn--menu fr-btn"
                      data-fr-opened="false"
                      aria-controls="menu-principal"
                      aria-haspopup="menu"
                      id="bouton-menu-principal"
                      title="Menu"
                    >
                      Menu
                    </button>
                  </div>
                )}
              </div>
              <div className="fr-header__service">
                <a href="/" title="Accueil — Guichet">
                  <p className="fr-header__service-title">Guichet</p>
                </a>
                <p className="fr-header__service-tagline">Le logiciel des France Services</p>
              </div>
            </div>
            {shell && (
              <div className="fr-header__tools">
                <div className="fr-header__tools-links">
                  <UserTools shell={shell} />
                </div>
              </div>
            )}
          </div>
        </div>
      </div>
      {shell && (
        // biome-ignore lint/a11y/useAriaPropsSupportedByRole: DSFR's modal script gives this element role="dialog" while the menu is open, named by its button
        <div className="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu-principal">
          <div className="fr-container">
            <button type="button" className="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer">
              Fermer
            </button>
            <div className="fr-header__menu-links">
              <UserTools shell={shell} />
            </div>
            <nav className="fr-nav" id="navigation-principale" aria-label="Menu principal">
              <ul className="fr-nav__list">
                {navItemsFor(shell.roles).map((item, _index, items) => {
                  const current = item.to === currentNavTarget(location.pathname, items);
                  return (
                    <li className="fr-nav__item" key={item.to}>
                      <Link className="fr-nav__link" to={item.to} aria-current={current ? "page" : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
            {shell.structures.length > 1 && <StructureSwitcher shell={shell} />}
          </div>
        </div>
      )}
    </header>
  );
}

/** Account and logout links: in the header on large screens, in the menu on small ones. */
function UserTools({ shell }: { shell: NonNullable<Shell> }) {
  return (
    <ul className="fr-btns-group">
      <li>
        <a className="fr-btn fr-icon-account-circle-line" href="/compte">
          {shell.prenom} {shell.nom} — {shell.roleLabel}
        </a>
      </li>
      <li>
        <Form method="post" action="/deconnexion" className="guichet-inline-form">
          <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
            Se déconnecter
          </button>
        </Form>
      </li>
    </ul>
  );
}

function StructureSwitcher({ shell }: { shell: NonNullable<Shell> }) {
  return (
    <Form method="post" action="/structure-courante" className="fr-py-1w">
      <div className="fr-select-group fr-mb-0">
        <label className="fr-label" htmlFor="structure-courante">
          Structure où je travaille
        </label>
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
          <div className="fr-col">
            <select
              className="fr-select"
              id="structure-courante"
              name="structureId"
              defaultValue={shell.currentStructureId ?? undefined}
            >
              {shell.structures.map((structure) => (
                <option key={structure.id} value={structure.id}>
                  {structure.nom}
                </option>
              ))}
            </select>
          </div>
          <div className="fr-col-auto">
            <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm">
              Changer de structure
            </button>
          </div>
        </div>
      </div>
    </Form>
  );
}
