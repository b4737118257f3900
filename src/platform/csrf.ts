/**
 * Cross-site request forgery check for state-changing requests (ADR 004).
 * Browsers send Origin (and Sec-Fetch-Site) on every POST; a request from another site is refused.
 * A request that carries neither header and no cookie comes from a non-browser client
 * (curl, an API integration with a bearer token): it has no ambient credentials to abuse.
 */
export type CsrfInput = {
  method: string;
  /** The origin the request was sent to (scheme and host as this server sees them), when known. */
  requestOrigin: string | null;
  origin: string | null;
  referer: string | null;
  secFetchSite: string | null;
  hasCookie: boolean;
  allowedOrigins: string[];
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function csrfAllowed(input: CsrfInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (input.secFetchSite && !["same-origin", "none"].includes(input.secFetchSite)) return false;
  const claimed =
    input.origin && input.origin !== "null" ? input.origin : input.referer ? originOf(input.referer) : input.origin;
  if (claimed === null) return !input.hasCookie;
  if (claimed === "null") return false;
  if (input.allowedOrigins.includes(claimed)) return true;
  // Scheme, host and port all count: an https page may not post to an http server and vice versa.
  return input.requestOrigin !== null && claimed === input.requestOrigin;
}
