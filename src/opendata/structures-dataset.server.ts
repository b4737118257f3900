import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import { db } from "../db/client.server";
import { structures } from "../db/schema";
import { parisDay } from "../platform/time";
import { communeByInsee } from "../territoire/territoire";

/**
 * The open structures, the public facts only: name, address, the structure's own public contact
 * (never an agent's nor a partner referent's), label, format. Read by both open-data files.
 */
export type OpenStructure = {
  id: string;
  nom: string;
  label: "france_services" | "msap";
  format: string;
  parentId: string | null;
  adresse: string;
  complementAdresse: string | null;
  codePostal: string;
  communeInsee: string;
  communeNom: string;
  departement: string;
  telephone: string | null;
  email: string | null;
  dateLabellisation: string | null;
  updatedAt: Date;
};

export async function listOpenStructures(): Promise<OpenStructure[]> {
  const rows = await db()
    .select({
      id: structures.id,
      nom: structures.nom,
      label: structures.label,
      format: structures.format,
      parentId: structures.parentStructureId,
      adresse: structures.adresse,
      complementAdresse: structures.complementAdresse,
      codePostal: structures.codePostal,
      communeInsee: structures.communeInsee,
      departement: structures.departement,
      telephone: structures.telephone,
      email: structures.email,
      dateLabellisation: structures.dateLabellisation,
      updatedAt: structures.updatedAt,
    })
    .from(structures)
    .where(
      and(
        eq(structures.statut, "ouverte"),
        or(isNull(structures.dateOuverture), lte(structures.dateOuverture, parisDay())),
      ),
    )
    .orderBy(asc(structures.departement), asc(structures.nom), asc(structures.id));
  return rows.map((row) => ({
    ...row,
    label: row.label as OpenStructure["label"],
    communeNom: communeByInsee(row.communeInsee)?.nom ?? "",
  }));
}
