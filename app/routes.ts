import { type RouteConfig, index, route } from "@react-router/dev/routes";

/**
 * Every route of the application. The authorization matrix test (app/authorization-matrix.test.ts)
 * reads this list: a route added here without a matrix entry makes it fail.
 */
export default [
  index("routes/home.tsx"),
  // Public pages
  route("connexion", "routes/connexion.tsx"),
  route("connexion/verification", "routes/connexion.verification.tsx"),
  route("deconnexion", "routes/deconnexion.tsx"),
  route("mot-de-passe-oublie", "routes/mot-de-passe-oublie.tsx"),
  route("reinitialiser/:token", "routes/reinitialiser.$token.tsx"),
  route("invitation/:token", "routes/invitation.$token.tsx"),
  route("accessibilite", "routes/accessibilite.tsx"),
  route("donnees-personnelles", "routes/donnees-personnelles.tsx"),
  route("mentions-legales", "routes/mentions-legales.tsx"),
  route("healthz", "routes/healthz.ts"),
  // Account
  route("compte", "routes/compte.tsx"),
  route("compte/double-authentification", "routes/compte.double-authentification.tsx"),
  route("structure-courante", "routes/structure-courante.tsx"),
  // Structures and reference data
  route("structures", "routes/structures.tsx"),
  route("structures/nouvelle", "routes/structures.nouvelle.tsx"),
  route("structures/:id", "routes/structures.$id.tsx"),
  route("structures/:id/modifier", "routes/structures.$id.modifier.tsx"),
  route("partenaires", "routes/partenaires.tsx"),
  // Pilotage: dashboards, reports and exports; open data
  route("pilotage", "routes/pilotage.tsx"),
  route("pilotage/structures/:id", "routes/pilotage.structures.$id.tsx"),
  route("pilotage/departements/:code", "routes/pilotage.departements.$code.tsx"),
  route("pilotage/national", "routes/pilotage.national.tsx"),
  route("pilotage/export", "routes/pilotage.export.ts"),
  route("pilotage/enregistrements.csv", "routes/pilotage.enregistrements.ts"),
  route("donnees-ouvertes/structures.csv", "routes/donnees-ouvertes.structures.ts"),
  route("donnees-ouvertes/lieux-mediation-numerique.json", "routes/donnees-ouvertes.lieux-mediation-numerique.ts"),
  // Accueil: passages and sollicitations, waiting list, day view
  route("accueil", "routes/accueil.tsx"),
  route("accueil/passages/:id", "routes/accueil.passages.$id.tsx"),
  route("accueil/journee", "routes/accueil.journee.tsx"),
  route("accueil/file-attente", "routes/accueil.file-attente.tsx"),
  route("s/:structure/ecran", "routes/s.$structure.ecran.tsx"),
  // Usagers, démarches and mandats (personal data: agents and responsables of the structure only)
  route("usagers", "routes/usagers.tsx"),
  route("usagers/nouveau", "routes/usagers.nouveau.tsx"),
  route("usagers/notice.pdf", "routes/usagers.notice-pdf.ts"),
  route("usagers/:id", "routes/usagers.$id.tsx"),
  route("usagers/:id/notice", "routes/usagers.$id.notice.tsx"),
  route("usagers/:id/export.json", "routes/usagers.$id.export-json.ts"),
  route("usagers/:id/export.pdf", "routes/usagers.$id.export-pdf.ts"),
  route("demarches", "routes/demarches.tsx"),
  route("demarches/nouvelle", "routes/demarches.nouvelle.tsx"),
  route("demarches/:id", "routes/demarches.$id.tsx"),
  route("demarches/:id/fiche-transmission.pdf", "routes/demarches.$id.fiche-transmission-pdf.ts"),
  route("demarches/:id/rendez-vous", "routes/demarches.$id.rendez-vous.tsx"),
  route("demarches/:id/rendez-vous.pdf", "routes/demarches.$id.rendez-vous-pdf.ts"),
  route("mandats/nouveau", "routes/mandats.nouveau.tsx"),
  route("mandats/:id", "routes/mandats.$id.tsx"),
  route("mandats/:id/document.pdf", "routes/mandats.$id.document-pdf.ts"),
  route("mandats/:id/attestation.pdf", "routes/mandats.$id.attestation-pdf.ts"),
  route("verifier-mandat/:code", "routes/verifier-mandat.$code.tsx"),
  route("api/v1/usagers", "routes/api.v1.usagers.ts"),
  route("api/v1/usagers/recherche", "routes/api.v1.usagers.recherche.ts"),
  route("api/v1/usagers/:id", "routes/api.v1.usagers.$id.ts"),
  route("api/v1/demarches", "routes/api.v1.demarches.ts"),
  route("api/v1/demarches/:id", "routes/api.v1.demarches.$id.ts"),
  route("api/v1/mandats", "routes/api.v1.mandats.ts"),
  route("api/v1/mandats/:id", "routes/api.v1.mandats.$id.ts"),
  route("api/v1/mandats/:id/revoke", "routes/api.v1.mandats.$id.revoke.ts"),
  route("api/v1/mandats/:id/document.pdf", "routes/api.v1.mandats.$id.document-pdf.ts"),
  // Team and accounts
  route("utilisateurs", "routes/utilisateurs.tsx"),
  route("utilisateurs/inviter", "routes/utilisateurs.inviter.tsx"),
  route("utilisateurs/:id", "routes/utilisateurs.$id.tsx"),
  // Administration
  route("admin/outbox", "routes/admin.outbox.tsx"),
  route("admin/journal", "routes/admin.journal.tsx"),
  // API
  route("api/v1/me", "routes/api.v1.me.ts"),
  route("api/v1/structures", "routes/api.v1.structures.ts"),
  route("api/v1/passages", "routes/api.v1.passages.ts"),
  route("api/v1/reports", "routes/api.v1.reports.ts"),
  route("api/v1/openapi.json", "routes/api.v1.openapi.ts"),
  route("api/v1/*", "routes/api.v1.$.ts"),
  route("*", "routes/$.tsx"),
] satisfies RouteConfig;
