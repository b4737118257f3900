import { describe, expect, it } from "vitest";
import { API_OPERATIONS, openApiDocument } from "../src/api/openapi";
import { flattenRoutes } from "./route-list";

describe("OpenAPI document", () => {
  it("documents every API route of app/routes.ts", () => {
    const apiPaths = flattenRoutes()
      .map((route) => route.path)
      .filter((path) => path.startsWith("/api/v1/") && !path.endsWith("*") && path !== "/api/v1/openapi.json")
      .map((path) => path.slice("/api/v1".length).replace(/:(\w+)/g, "{$1}"));
    const documented = new Set(API_OPERATIONS.map((operation) => operation.path));
    for (const path of apiPaths) expect(documented, `${path} is missing from src/api/openapi.ts`).toContain(path);
  });

  it("is a valid-looking OpenAPI 3.1 document with JSON schemas for request bodies", () => {
    const document = openApiDocument("http://localhost:3000");
    expect(document.openapi).toBe("3.1.0");
    const post = document.paths["/structures"].post as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
    };
    expect(Object.keys(post.requestBody.content["application/json"].schema.properties)).toContain("communeInsee");
    expect(JSON.stringify(document)).not.toContain("undefined");
  });
});
