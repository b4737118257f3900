import type { ReactNode } from "react";

/**
 * The DSFR table markup (wrapper, container, content) around a table with its caption.
 * `children` are the thead and tbody.
 */
export function DsfrTable({
  id,
  caption,
  noScroll = false,
  children,
}: {
  id: string;
  caption: ReactNode;
  noScroll?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`fr-table${noScroll ? " fr-table--no-scroll" : ""}`} id={id}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
