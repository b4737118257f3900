import dsfrCss from "@gouvfr/dsfr/dist/dsfr.min.css?url";
import faviconSvg from "@gouvfr/dsfr/dist/favicon/favicon.svg?url";
import iconsCss from "@gouvfr/dsfr/dist/utility/icons/icons.min.css?url";
import {
  isRouteErrorResponse,
  Links,
  type LinksFunction,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { loadShell } from "../src/acces/shell.server";
import type { Route } from "./+types/root";
import appCss from "./app.css?url";
import { AppShell } from "./components/layout/AppShell";
import { ErrorPage } from "./components/layout/ErrorPage";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dsfrCss },
  { rel: "stylesheet", href: iconsCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: faviconSvg, type: "image/svg+xml" },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  return { shell: await loadShell(request), nonce: context?.cspNonce ?? "" };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = data?.nonce;
  return (
    <html lang="fr" dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  // Full-screen displays (the waiting-room screen) render without the application shell.
  const fullScreen = useMatches().some(
    (match) => (match.handle as { layout?: string } | undefined)?.layout === "ecran",
  );
  if (fullScreen) return <Outlet />;
  return (
    <AppShell shell={loaderData.shell}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object" && "message" in error.data
      ? String(error.data.message)
      : undefined;
  return (
    <AppShell shell={data?.shell ?? null}>
      <ErrorPage status={status} message={message} roles={data?.shell?.roles ?? []} />
    </AppShell>
  );
}
