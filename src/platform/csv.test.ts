import { describe, expect, it } from "vitest";
import { neutraliseFormula, toCsv } from "./csv";

describe("CSV", () => {
  it("neutralises every text a spreadsheet would run as a formula", () => {
    for (const text of [
      '=HYPERLINK("https://evil.example","Cliquez")',
      "+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(A1)",
      "\t=1",
      "\r=1",
    ])
      expect(neutraliseFormula(text), JSON.stringify(text)).toBe(`'${text}`);
  });

  it("keeps plain values, signed numbers and phone numbers as they are", () => {
    for (const text of ["France Services de Metz", "+33 3 87 00 00 00", "-12,5", "1=1", "a@b.fr"])
      expect(neutraliseFormula(text)).toBe(text);
  });

  it("writes French CSV: byte-order mark, semicolons, CRLF, quotes where needed, formulas neutralised", () => {
    expect(
      toCsv(
        ["nom", "n"],
        [
          ['=HYPERLINK("x")', 1.5],
          ["a;b", null],
        ],
      ),
    ).toBe('\uFEFFnom;n\r\n"\'=HYPERLINK(""x"")";1,5\r\n"a;b";\r\n');
  });
});
