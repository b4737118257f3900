import type { RouteConfigEntry } from "@react-router/dev/routes";
import routes from "./routes";

export type FlatRoute = { path: string; file: string };

/** Every route of app/routes.ts as an absolute path with its module file (for checks and tests). */
export function flattenRoutes(entries: RouteConfigEntry[] = routes, prefix = ""): FlatRoute[] {
  const result: FlatRoute[] = [];
  for (const entry of entries) {
    const path = entry.index ? prefix || "/" : `${prefix}/${entry.path ?? ""}`.replace(/\/+/g, "/");
    result.push({ path: path === "" ? "/" : path, file: entry.file });
    if (entry.children) result.push(...flattenRoutes(entry.children, path === "/" ? "" : path));
  }
  return result;
}
