import { z } from "zod";
import { structureSchema } from "../structures/structures.schema";

/**
 * The OpenAPI document of /api/v1, generated from the same zod schemas the API validates with.
 * Every API route must appear here: app/api-documentation.test.ts checks it against app/routes.ts.
 */
type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  request?: z.ZodType;
  response?: Record<string, unknown>;
  query?: Array<{ name: string; description: string }>;
};

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Code stable de l’erreur, par exemple auth.forbidden" },
        message: { type: "string", description: "Message en français, affichable tel quel" },
        fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description: "Erreurs par champ" },
      },
    },
  },
};

const meSchema = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    email: { type: "string" },
    prenom: { type: "string" },
    nom: { type: "string" },
    roles: {
      type: "array",
      items: {
        type: "object",
        properties: {
          role: { type: "string", enum: ["agent", "responsable", "referent", "coordinateur", "national", "admin"] },
          structureId: { type: ["string", "null"] },
          departement: { type: ["string", "null"] },
          partenaire: { type: ["string", "null"] },
          debut: { type: "string", format: "date" },
          fin: { type: ["string", "null"], format: "date" },
        },
      },
    },
    structureCourante: { type: ["string", "null"] },
    doubleAuthentification: { type: "boolean" },
  },
};

const structureOut = {
  type: "object",
  properties: { id: { type: "string", format: "uuid" }, departement: { type: "string" }, commune: { type: ["string", "null"], description: "Nom de la commune" }, ...(z.toJSONSchema(structureSchema, { io: "output", unrepresentable: "any" }) as { properties: object }).properties },
};

export const API_OPERATIONS: Operation[] = [
  { method: "get", path: "/me", summary: "L’utilisateur authentifié, ses rôles et leurs périmètres", response: meSchema },
  {
    method: "get",
    path: "/structures",
    summary: "Les structures de votre périmètre",
    query: [
      { name: "departement", description: "Code du département (ex. 57)" },
      { name: "label", description: "france_services ou msap" },
      { name: "statut", description: "ouverte, suspendue ou fermee" },
      { name: "q", description: "Recherche dans le nom" },
    ],
    response: { type: "object", properties: { structures: { type: "array", items: structureOut } } },
  },
  { method: "post", path: "/structures", summary: "Créer une structure (coordinateur, administrateur)", request: structureSchema, response: { type: "object", properties: { id: { type: "string", format: "uuid" } } } },
];

export function openApiDocument(publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = {
      summary: operation.summary,
      ...(operation.query ? { parameters: operation.query.map((param) => ({ in: "query", name: param.name, description: param.description, schema: { type: "string" } })) } : {}),
      ...(operation.request
        ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(operation.request, { io: "input", unrepresentable: "any" }) } } } }
        : {}),
      responses: {
        [operation.method === "post" ? "201" : "200"]: { description: "Succès", content: { "application/json": { schema: operation.response ?? {} } } },
        "400": { description: "Données invalides", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        "401": { description: "Jeton absent ou invalide", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        "403": { description: "Hors de vos droits", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "API Guichet",
      version: "1",
      description: "API du logiciel Guichet des France Services. Authentification par jeton (guichet token create --user <e-mail>).",
    },
    servers: [{ url: new URL("/api/v1", publicUrl).toString() }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: { Error: errorSchema } },
    paths,
  };
}
