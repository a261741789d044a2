import { json } from '@sveltejs/kit';
import { webEnv } from '#lib/server/env.ts';

/** Runtime configuration for the browser (the gateway URL may differ per deployment). */
export function GET() {
  return json(webEnv);
}
