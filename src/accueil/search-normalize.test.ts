import { describe, expect, it } from "vitest";
import { matchesSearch, normalizeSearch } from "./search-normalize";

describe("normalizeSearch", () => {
  it("drops accents and case, turns apostrophes and punctuation into spaces", () => {
    expect(normalizeSearch("Sécurité")).toBe("securite");
    expect(normalizeSearch("  J’établis mes papiers d’identité ")).toBe("j etablis mes papiers d identite");
    expect(normalizeSearch("ÉTAT CIVIL – Famille")).toBe("etat civil famille");
    expect(normalizeSearch("Cœur, Æther")).toBe("coeur aether");
    expect(normalizeSearch("")).toBe("");
  });
});

describe("matchesSearch", () => {
  it("finds accented labels from unaccented queries, and the other way round", () => {
    expect(matchesSearch("securite", "Sécurité sociale")).toBe(true);
    expect(matchesSearch("SÉCU", "securite sociale")).toBe(true);
    expect(matchesSearch("impot", "Je déclare mes impôts")).toBe(true);
    expect(matchesSearch("identite", "J’établis mes papiers d’identité")).toBe(true);
  });

  it("requires every word, each at the start of a word of one of the texts", () => {
    expect(matchesSearch("alloc logement", "Je cherche une allocation logement")).toBe(true);
    expect(matchesSearch("alloc retraite", "Je cherche une allocation logement")).toBe(false);
    expect(matchesSearch("caf logement", "CAF", "Je cherche une allocation logement")).toBe(true);
    expect(matchesSearch("ogement", "Je cherche une allocation logement")).toBe(false);
  });

  it("matches everything with an empty or blank query", () => {
    expect(matchesSearch("", "France Titres")).toBe(true);
    expect(matchesSearch("  ’ ", "France Titres")).toBe(true);
  });
});
