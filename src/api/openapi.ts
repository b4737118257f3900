import { z } from "zod";
import { passageSchema } from "../accueil/accueil.schema";
import { createDemarcheSchema } from "../demarches/demarches.schema";
import { createMandatSchema, revokeSchema } from "../mandats/mandats.schema";
import { createSaisineSchema, postMessageSchema } from "../saisines/saisines.schema";
import { structureSchema } from "../structures/structures.schema";
import { createUsagerSchema, usagerSearchBody } from "../usagers/usagers.schema";

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
        fields: {
          type: "object",
          additionalProperties: { type: "array", items: { type: "string" } },
          description: "Erreurs par champ",
        },
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
  properties: {
    id: { type: "string", format: "uuid" },
    departement: { type: "string" },
    commune: { type: ["string", "null"], description: "Nom de la commune" },
    ...(z.toJSONSchema(structureSchema, { io: "output", unrepresentable: "any" }) as { properties: object }).properties,
  },
};

export const API_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/me",
    summary: "L’utilisateur authentifié, ses rôles et leurs périmètres",
    response: meSchema,
  },
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
  {
    method: "post",
    path: "/structures",
    summary: "Créer une structure (coordinateur, administrateur)",
    request: structureSchema,
    response: { type: "object", properties: { id: { type: "string", format: "uuid" } } },
  },
  {
    method: "get",
    path: "/reports",
    summary: "Un rapport de pilotage agrégé (le même JSON que guichet report --format json)",
    query: [
      { name: "niveau", description: "structure, departement ou national" },
      { name: "id", description: "UUID de la structure, ou code du département (ex. 57) ; absent au niveau national" },
      { name: "periode", description: "2026, 2026-Q3, 2026-09, 2026-W38, 2026-09-15 ou 2026-01-01..2026-03-31" },
    ],
    response: {
      type: "object",
      properties: {
        niveau: { type: "string", enum: ["structure", "departement", "national"] },
        id: { type: ["string", "null"] },
        libelle: { type: "string" },
        periode: {
          type: "object",
          properties: {
            code: { type: "string" },
            du: { type: "string", format: "date" },
            au: { type: "string", format: "date" },
            libelle: { type: "string" },
          },
        },
        totaux: {
          type: "object",
          description: "passages, sollicitations, durée et attente moyennes (minutes), part résolue sur place (%)",
        },
        periodePrecedente: { type: "object" },
        moyenneDepartement: { type: ["object", "null"] },
        evolution: { type: "object", properties: { parSemaine: { type: "array" }, parMois: { type: "array" } } },
        repartitions: {
          type: "array",
          items: {
            type: "object",
            properties: {
              dimension: { type: "string" },
              titre: { type: "string" },
              lignes: { type: "array", description: "cle, libelle, passages, sollicitations (null si masqué), masque" },
            },
          },
        },
        seuilMasquage: { type: "integer" },
        structures: {
          type: ["array", "null"],
          description: "Niveau département : classement des structures, alerte « sans saisie »",
        },
        departements: { type: ["array", "null"], description: "Niveau national" },
        formats: { type: ["array", "null"], description: "Niveau national" },
      },
    },
  },
  {
    method: "post",
    path: "/passages",
    summary:
      "Enregistrer un passage et ses demandes (agent, responsable). En-tête facultatif Idempotency-Key (1 à 200 lettres, chiffres, « _ » ou « - ») : un rejeu répond 200 avec le premier résultat au lieu de créer un doublon.",
    request: passageSchema,
    response: {
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        structureId: { type: "string", format: "uuid" },
        debut: { type: "string", format: "date-time" },
        sollicitations: { type: "array", items: { type: "string", format: "uuid" } },
      },
    },
  },
  {
    method: "get",
    path: "/passages",
    summary:
      "Les passages d’une période (les vôtres ; tous ceux de la structure pour un responsable), avec leurs demandes, par ordre de début",
    query: [
      { name: "structure", description: "UUID d’une de vos structures (par défaut : la première)" },
      {
        name: "from",
        description:
          "Début : AAAA-MM-JJ (heure de Paris) ou date et heure ISO 8601 avec fuseau ; par défaut le début du jour de « to »",
      },
      {
        name: "to",
        description: "Fin incluse : AAAA-MM-JJ ou date et heure ISO 8601 ; par défaut aujourd’hui. 366 jours au plus",
      },
      { name: "limit", description: "Nombre de passages par page, 500 par défaut, 5000 au plus" },
      { name: "cursor", description: "Page suivante : la valeur nextCursor de la réponse précédente" },
      { name: "offset", description: "Ou bien : nombre de passages à sauter" },
    ],
    response: {
      type: "object",
      properties: {
        structureId: { type: "string", format: "uuid" },
        from: { type: "string", format: "date-time" },
        to: { type: "string", format: "date-time", description: "Exclue" },
        nextCursor: { type: ["string", "null"] },
        passages: {
          type: "array",
          items: {
            type: "object",
            description:
              "id, structureId, agentId, debut, dureeMinutes, canal, avecRdv, trancheAge, genre, communeResidence, premiereVisite, equipements, attenteSecondes, sollicitations (id, position, partenaires, partenairesLocaux, horsPartenaires, situations, aides, autonomie, issue, signalements, precision pour l’auteur et le responsable)",
          },
        },
      },
    },
  },
  {
    method: "post",
    path: "/usagers",
    summary:
      "Créer une fiche usager dans votre structure courante (agent, responsable ; la notice d’information doit avoir été remise)",
    request: createUsagerSchema,
    response: { type: "object", properties: { id: { type: "string", format: "uuid" } } },
  },
  {
    method: "post",
    path: "/usagers/recherche",
    summary:
      "Rechercher des usagers par nom dans votre structure courante (POST : un nom ne figure jamais dans une adresse)",
    request: usagerSearchBody,
    response: {
      type: "object",
      properties: {
        usagers: { type: "array", items: { type: "object", description: "id, nom, prenom, dateNaissance, commune" } },
      },
    },
  },
  {
    method: "get",
    path: "/usagers/{id}",
    summary: "Une fiche usager : identité, identifiants masqués, démarches, mandats (consultation journalisée)",
    response: { type: "object", description: "usager, identifiants, demarches, mandats, duplicates, erasable" },
  },
  {
    method: "get",
    path: "/demarches",
    summary:
      "Votre liste « à faire » (démarches dont la prochaine étape est arrivée) et les démarches en cours de votre structure",
    response: {
      type: "object",
      properties: {
        aFaire: { type: "array", items: { type: "object" } },
        enCours: { type: "array", items: { type: "object" } },
      },
    },
  },
  {
    method: "post",
    path: "/demarches",
    summary: "Ouvrir une démarche pour un usager (pièces : liste de libellés, jamais de document)",
    request: createDemarcheSchema,
    response: { type: "object", properties: { id: { type: "string", format: "uuid" } } },
  },
  {
    method: "get",
    path: "/demarches/{id}",
    summary:
      "Une démarche : suivi, pièces, passages liés, mandats, actions pour le compte de l’usager (consultation journalisée)",
    response: { type: "object" },
  },
  {
    method: "post",
    path: "/mandats",
    summary:
      "Établir un mandat (« mandat type ») pour des démarches en cours d’un usager ; il devient valide quand la date de signature est enregistrée",
    request: createMandatSchema,
    response: {
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        document: { type: "string", description: "Adresse du PDF en deux exemplaires" },
      },
    },
  },
  {
    method: "get",
    path: "/mandats/{id}",
    summary: "Un mandat : parties, démarches couvertes, données autorisées, statut (consultation journalisée)",
    response: { type: "object" },
  },
  {
    method: "post",
    path: "/mandats/{id}/revoke",
    summary: "Révoquer un mandat, en entier ou pour une seule démarche (demarcheId)",
    request: revokeSchema,
    response: {
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        statut: { type: "string" },
        attestation: { type: "string" },
      },
    },
  },
  {
    method: "get",
    path: "/mandats/{id}/document.pdf",
    summary: "Le mandat en PDF, en deux exemplaires originaux, avec son code de vérification",
    response: { type: "string", format: "binary", description: "application/pdf" },
  },
  {
    method: "get",
    path: "/saisines",
    summary:
      "Les saisines que vous pouvez lire (celles de votre structure ; pour un référent, celles adressées à ses groupes), statut calculé et échéances",
    response: { type: "array", items: { type: "object" } },
  },
  {
    method: "post",
    path: "/saisines",
    summary:
      "Saisir le référent d’un partenaire (acheminée au groupe qui couvre votre structure ; mandat exigé pour un usager nommé)",
    request: createSaisineSchema,
    response: { type: "object", properties: { id: { type: "string", format: "uuid" } } },
  },
  {
    method: "get",
    path: "/saisines/{id}",
    summary: "Une saisine : fil des messages, statut calculé, échéance (consultation journalisée)",
    response: { type: "object" },
  },
  {
    method: "post",
    path: "/saisines/{id}",
    summary: "Répondre (message typé de votre côté) ou clore (type « cloture » avec l’utilité)",
    request: postMessageSchema,
    response: { type: "object", properties: { id: { type: "string", format: "uuid" } } },
  },
  {
    method: "get",
    path: "/referents",
    summary: "L’annuaire des référents des partenaires pour vos structures couvertes (jamais public)",
    response: { type: "array", items: { type: "object" } },
  },
];

export function openApiDocument(publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = {
      summary: operation.summary,
      ...(operation.query
        ? {
            parameters: operation.query.map((param) => ({
              in: "query",
              name: param.name,
              description: param.description,
              schema: { type: "string" },
            })),
          }
        : {}),
      ...(operation.request
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: z.toJSONSchema(operation.request, { io: "input", unrepresentable: "any" }),
                },
              },
            },
          }
        : {}),
      responses: {
        [operation.method === "post" ? "201" : "200"]: {
          description: "Succès",
          content: { "application/json": { schema: operation.response ?? {} } },
        },
        "400": {
          description: "Données invalides",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
        "401": {
          description: "Jeton absent ou invalide",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
        "403": {
          description: "Hors de vos droits",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "API Guichet",
      version: "1",
      description:
        "API du logiciel Guichet des France Services. Authentification par jeton seulement (guichet token create --user <e-mail>, en-tête Authorization: Bearer) : la session du navigateur n’y donne pas accès. Chaque utilisateur voit et révoque ses jetons dans « Mon compte ».",
    },
    servers: [{ url: new URL("/api/v1", publicUrl).toString() }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: { Error: errorSchema } },
    paths,
  };
}
