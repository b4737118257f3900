import { z } from "zod";
import { ERROR_MESSAGES, type ErrorCode, isAppError } from "./app-error";
import { jsonNestingExceeds } from "./request-limits";
import { strictUtf8 } from "./strict-text";

/** Deepest nesting of objects and arrays an API body may have. */
const MAX_JSON_DEPTH = 32;

/** The API's error body: a stable code, a French message, and the fields at fault when there are some. */
export function apiError(code: ErrorCode, status: number, fields?: Record<string, string[] | undefined>): Response {
  return Response.json({ error: { code, message: ERROR_MESSAGES[code], ...(fields ? { fields } : {}) } }, { status });
}

/** Thrown inside apiHandler to answer with an error response right away. */
class ApiResponse extends Error {
  constructor(readonly response: Response) {
    super("api response");
  }
}

/**
 * Reads a JSON object body and validates it with the same zod schema as the form.
 * Invalid JSON, a non-object or a validation failure answer 400 with French messages per field.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    const text = strictUtf8(await request.arrayBuffer());
    if (text === null) throw new ApiResponse(apiError("http.invalid_utf8", 400));
    // JSON.parse and every later walk of the value recurse: refuse absurd nesting before parsing.
    if (jsonNestingExceeds(text, MAX_JSON_DEPTH)) throw new ApiResponse(apiError("api.json_too_deep", 400));
    body = JSON.parse(text);
  } catch (error) {
    if (error instanceof ApiResponse) throw error;
    throw new ApiResponse(apiError("api.invalid_json", 400));
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new ApiResponse(apiError("api.invalid_json", 400));
  // PostgreSQL text cannot hold a NUL character: refuse it here rather than fail in the database.
  if (JSON.stringify(body).includes("\\u0000")) throw new ApiResponse(apiError("api.nul_character", 400));
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiResponse(
      apiError("validation.failed", 400, z.flattenError(parsed.error).fieldErrors as Record<string, string[]>),
    );
  return parsed.data;
}

/** Runs an API handler: domain errors become JSON errors (with their field); thrown responses pass through. */
export async function apiHandler(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiResponse) return error.response;
    if (error instanceof Response) throw error;
    if (isAppError(error))
      return apiError(error.code, error.status, error.field ? { [error.field]: [error.message] } : undefined);
    throw error;
  }
}
