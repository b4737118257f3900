import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";

declare global {
  interface Window {
    dsfr?: { mode?: string; production?: boolean; start?: () => void };
  }
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <HydratedRouter />
    </StrictMode>,
  );
});

// The DSFR script starts after hydration, in "react" mode, so it never rewrites markup that
// React owns (it would otherwise copy header links into the menu and break hydration).
window.dsfr = { mode: "react", production: true };
void import("@gouvfr/dsfr/dist/dsfr.module.min.js").then(() => window.dsfr?.start?.());
