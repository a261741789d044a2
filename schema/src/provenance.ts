import { z } from 'zod';
import { NationCode } from './label.ts';

export const Timestamp = z.iso.datetime({ offset: true });

/** Where an object came from. */
export const Provenance = z.object({
  nation: NationCode,
  system: z.string().min(1).max(64),
  sourceId: z.string().min(1).max(64),
  observedAt: Timestamp,
  publishedAt: Timestamp,
});
export type Provenance = z.infer<typeof Provenance>;
