/**
 * Request bodies read strictly as UTF-8: bytes that are not UTF-8 are refused, never turned into U+FFFD
 * replacement characters and stored (issue 12). The API's JSON and every HTML form are read through here.
 */

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The bytes as text, or null when they are not valid UTF-8. */
export function strictUtf8(bytes: ArrayBuffer | Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * An urlencoded form's pairs, or null when a percent-escape does not decode to UTF-8 ("%FF", "%C0%80") or
 * is cut short ("%", "%2"): a browser escapes every byte it sends, so such a body was not typed by a person.
 */
export function strictUrlencoded(text: string): URLSearchParams | null {
  for (const part of text.split("&")) {
    try {
      decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      return null;
    }
  }
  return new URLSearchParams(text);
}
