import { describe, expect, it } from "vitest";
import { mergeRowLists } from "./group-commit";
import { jsonParameter } from "./json-insert";

describe("group commit", () => {
  it("concatenates the row lists of concurrent calls, in order", () => {
    expect(mergeRowLists([{ a: [1], b: [2] }, { a: [3], c: [4] }, { b: [5] }])).toEqual({
      a: [1, 3],
      b: [2, 5],
      c: [4],
    });
  });
});

describe("the jsonb parameter", () => {
  it("turns lone surrogates into U+FFFD and keeps pairs, backslashes and NUL-free text as they are", () => {
    const text = jsonParameter({ a: "x\uD800y", b: "\uDC00", c: "😀", d: "\\ud800" });
    expect(JSON.parse(text)).toEqual({ a: "x\uFFFDy", b: "\uFFFD", c: "😀", d: "\\ud800" });
  });
});
