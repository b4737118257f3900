import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerBuild } from "react-router";
import { apiError } from "./api.server";
import { loggableError } from "./loggable-error";
import { logger } from "./logger.server";

type ApiRoute = { id: string; pattern: RegExp; names: string[]; rank: number[] };
type RouteModule = ServerBuild["routes"][string] extends infer R ? (R extends { module: infer M } ? M : never) : never;
type DataHandler = (args: {
  request: Request;
  params: Record<string, string | undefined>;
  context: unknown;
}) => Promise<unknown>;

/** A value made by React Router's `data()`: a body with a status and headers. */
function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" &&
    value !== null &&
    "data" in value &&
    "init" in value &&
    (value as { type?: string }).type === "DataWithResponseInit"
  );
}

/**
 * The API's requests run the same route modules (app/routes/api.*.ts) as React Router would, without
 * its page machinery: match, then the loader (GET, HEAD) or the action (other methods), and thrown
 * responses answered as they are. See docs/decisions/013-hot-path-sql.md.
 */
export function createApiDispatcher(build: ServerBuild) {
  const routes = compileRoutes(
    Object.values(build.routes).flatMap((route) =>
      route?.path?.startsWith("api/") ? [{ id: route.id, path: route.path }] : [],
    ),
  );

  return async function dispatch(request: Request, pathname: string, context: unknown): Promise<Response | null> {
    const match = matchRoute(routes, pathname);
    if (!match) return pathname.startsWith("/api/v1/") ? apiError("not_found", 404) : null;
    const { route, params } = match;
    const entry = build.routes[route.id];
    if (!entry) throw new Error(`Route ${route.id} is missing from the server build.`);
    const module = entry.module as RouteModule & { loader?: DataHandler; action?: DataHandler };
    const handler = request.method === "GET" || request.method === "HEAD" ? module.loader : module.action;
    if (!handler) return apiError("api.method_not_allowed", 405);
    try {
      return asResponse(await handler({ request, params, context }));
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      if (isDataWithInit(thrown)) return asResponse(thrown);
      logger().error({ error: loggableError(thrown), path: pathname }, "api handler failed");
      return apiError("api.internal", 500);
    }
  };
}

/**
 * A route path ("api/v1/usagers/:id", "api/v1/*") as a regular expression, ranked as React Router
 * ranks them: static segments before dynamic ones before a splat.
 */
function compileRoute(id: string, path: string): ApiRoute {
  const names: string[] = [];
  const rank: number[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      if (segment === "*") {
        names.push("*");
        rank.push(2);
        return "(.*)";
      }
      if (segment.startsWith(":")) {
        names.push(segment.slice(1));
        rank.push(1);
        return "([^/]+)";
      }
      rank.push(0);
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { id, pattern: new RegExp(`^/${source}/?$`), names, rank };
}

/** Routes compiled and in the order they are tried. */
export function compileRoutes(entries: Array<{ id: string; path: string }>): ApiRoute[] {
  return entries.map((entry) => compileRoute(entry.id, entry.path)).sort((a, b) => compareRanks(a.rank, b.rank));
}

function compareRanks(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The first route (in rank order) whose pattern matches, with its decoded parameters. */
export function matchRoute(
  routes: ApiRoute[],
  pathname: string,
): { route: ApiRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    try {
      return {
        route,
        params: Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1])])),
      };
    } catch {
      return null; // a malformed escape: no such resource
    }
  }
  return null;
}

function asResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  if (isDataWithInit(value)) return Response.json(value.data, value.init ?? undefined);
  return Response.json(value);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The Fetch request of a Node request, the body read whole (API bodies are small). */
export async function fetchRequest(req: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
  return new Request(url, { method, headers, body: body as BodyInit | undefined });
}

/** Writes a Fetch response to a Node response. */
export async function sendResponse(response: Response, res: ServerResponse, head: boolean): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.end(head || response.body === null ? undefined : Buffer.from(await response.arrayBuffer()));
}
