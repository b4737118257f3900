/** Where a request came from, as the audit journal keeps it: the client's IP address and user agent. */
export type RequestContext = { ip?: string | null; userAgent?: string | null };
