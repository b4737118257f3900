/**
 * Partner identifiers Guichet may keep (encrypted) when a démarche needs them: stable keys and
 * French labels in one place, with the shape of each number.
 */
export const IDENTIFIANT_TYPES = {
  caf_allocataire: { label: "Numéro allocataire CAF", hint: "7 chiffres", pattern: /^\d{7}$/ },
  nir: {
    label: "Numéro de sécurité sociale (NIR)",
    hint: "15 caractères, clé comprise",
    pattern: /^[12]\d{4}(\d{2}|2A|2B)\d{8}$/,
  },
  numero_fiscal: { label: "Numéro fiscal", hint: "13 chiffres", pattern: /^[0-3]\d{12}$/ },
  france_travail: {
    label: "Identifiant France Travail",
    hint: "8 à 11 caractères, chiffres et lettres",
    pattern: /^[0-9A-Z]{8,11}$/,
  },
} as const;

export type IdentifiantType = keyof typeof IDENTIFIANT_TYPES;
export const IDENTIFIANT_TYPE_KEYS = Object.keys(IDENTIFIANT_TYPES) as [IdentifiantType, ...IdentifiantType[]];

export function identifiantLabel(type: string): string {
  return (IDENTIFIANT_TYPES as Record<string, { label: string }>)[type]?.label ?? type;
}

/** Spaces, dots and dashes removed, upper case: the form the number is stored in. */
export function normalizeIdentifiant(value: string): string {
  return value.replace(/[\s.-]/g, "").toUpperCase();
}

/** The NIR's control key: 97 minus the number modulo 97 (Corsica: 2A → 19, 2B → 18). */
export function nirKeyValid(nir: string): boolean {
  const body = nir.slice(0, 13).replace("2A", "19").replace("2B", "18");
  const key = Number(nir.slice(13));
  return 97 - Number(BigInt(body) % 97n) === key;
}

export function identifiantValid(type: IdentifiantType, value: string): boolean {
  if (!IDENTIFIANT_TYPES[type].pattern.test(value)) return false;
  return type === "nir" ? nirKeyValid(value) : true;
}

/** "•••••••67": only the last two characters show until the agent reveals the number. */
export function maskIdentifiant(value: string): string {
  return `${"•".repeat(Math.max(value.length - 2, 3))}${value.slice(-2)}`;
}
