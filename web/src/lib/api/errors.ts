import { ApiError } from './client.ts';

/**
 * What to tell the user when a call failed: the gateway's own words for a refusal (they name the
 * rule), else `fallback` when given, else the error's message.
 */
export function errorMessage(err: unknown, fallback?: string): string {
  if (err instanceof ApiError) return err.message;
  if (fallback !== undefined) return fallback;
  return err instanceof Error ? err.message : String(err);
}

/** Runs a call for a button: null when it went through, else the message to show next to it. */
export async function attempt(call: () => Promise<unknown>): Promise<string | null> {
  try {
    await call();
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}
