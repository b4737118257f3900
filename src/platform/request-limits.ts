import type { ErrorCode } from "./app-error";

/** What the edge knows of a request before reading its body. */
export type RequestHead = {
  method: string;
  path: string;
  contentLength: string | undefined;
  transferEncoding: string | undefined;
  contentType: string | undefined;
};

export type Refusal = { status: 405 | 411 | 413 | 415; code: ErrorCode };

/** Methods the server answers at all; TRACE, CONNECT and the rest are refused before any work. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Pages are HTML forms: browsers only ever GET and POST them. */
const PAGE_METHODS = new Set(["GET", "HEAD", "POST"]);
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/**
 * Decides, from the request line and headers alone, whether a request is refused before any parsing or
 * authentication: unknown methods, bodies of unknown length, bodies over the limit, and bodies of a type
 * the target cannot read. Nothing of the body has been read when this runs, so a refusal costs nothing.
 */
export function refuseAtTheEdge(head: RequestHead, maxBodyBytes: number): Refusal | null {
  const method = head.method.toUpperCase();
  if (!KNOWN_METHODS.has(method)) return { status: 405, code: "http.method_not_allowed" };
  const api = isApiPath(head.path);
  if (!api && !PAGE_METHODS.has(method)) return { status: 405, code: "http.method_not_allowed" };
  // Without a declared length the body could only be limited by reading it: such bodies are refused.
  if (head.transferEncoding !== undefined && head.contentLength === undefined)
    return { status: 411, code: "http.length_required" };
  const length = head.contentLength === undefined ? 0 : Number(head.contentLength);
  if (!Number.isSafeInteger(length) || length < 0) return { status: 411, code: "http.length_required" };
  if (length > maxBodyBytes) return { status: 413, code: "http.body_too_large" };
  if (method === "GET" || method === "HEAD" || method === "OPTIONS" || method === "DELETE") return null;
  const type = mediaType(head.contentType);
  if (api)
    return length === 0 || type === "application/json" ? null : { status: 415, code: "http.unsupported_media_type" };
  return FORM_TYPES.includes(type) ? null : { status: 415, code: "http.unsupported_media_type" };
}

/** True when a JSON text nests arrays and objects deeper than `max` (checked before parsing it). */
export function jsonNestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > max) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}
