import type { z } from "zod";

/** The messages a zod parse reports on one field ("sollicitations.0.precision"); none when it succeeded. */
export function messagesAt(result: z.ZodSafeParseResult<unknown>, path: string): string[] {
  if (result.success) return [];
  return result.error.issues.filter((issue) => issue.path.join(".") === path).map((issue) => issue.message);
}
