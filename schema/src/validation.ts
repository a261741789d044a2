import type { z } from 'zod';

/** One line per problem: `path.to.field: why`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parse unknown input against a contract without throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: describeIssues(result.error) };
}
