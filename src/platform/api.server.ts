import { ERROR_MESSAGES, isAppError, type ErrorCode } from "./app-error";

/** The API's error body: a stable code and a French message. */
export function apiError(code: ErrorCode, status: number, details?: unknown): Response {
  return Response.json({ error: { code, message: ERROR_MESSAGES[code], ...(details ? { details } : {}) } }, { status });
}

/** Runs an API handler: domain errors become JSON errors; thrown responses pass through. */
export async function apiHandler(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Response) throw error;
    if (isAppError(error)) return apiError(error.code, error.status);
    throw error;
  }
}
