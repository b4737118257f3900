/**
 * Accent- and case-insensitive matching for the accueil's "filter as you type" box: the agent
 * types "securite" and finds "Sécurité", "impot" finds "Je déclare mes impôts", "l'etat" finds "l’État".
 * Pure functions, shared by the browser and the tests.
 */

/** Lower case, without diacritics, apostrophes and punctuation turned into spaces, spaces collapsed. */
export function normalizeSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Every word of the query starts a word of one of the texts (an empty query matches everything). */
export function matchesSearch(query: string, ...texts: ReadonlyArray<string>): boolean {
  const words = normalizeSearch(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.map(normalizeSearch).join(" ").split(" ");
  return words.every((word) => haystack.some((candidate) => candidate.startsWith(word)));
}
