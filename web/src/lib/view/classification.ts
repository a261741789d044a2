import { CLASSIFICATIONS, classificationRank, type Classification } from '@tessera/schema';

/** The highest classification among what is on screen; UNCLASSIFIED when nothing is. */
export function highestClassification(labels: Iterable<{ classification: Classification }>): Classification {
  let rank = 0;
  for (const l of labels) rank = Math.max(rank, classificationRank(l.classification));
  return CLASSIFICATIONS[rank]!;
}

/** Banner colours by classification (conventional marking colours). */
export const BANNER_COLORS: Record<Classification, { background: string; color: string }> = {
  UNCLASSIFIED: { background: '#007a33', color: '#ffffff' },
  RESTRICTED: { background: '#d4a017', color: '#111111' },
  CONFIDENTIAL: { background: '#0033a0', color: '#ffffff' },
  SECRET: { background: '#c8102e', color: '#ffffff' },
};
