/**
 * A code from the contracts (FIXED_WING, PENDING_VETO, ON_THE_LOOP) as people read it: words instead
 * of underscores, in lower case for running text ("fixed wing") or kept in capitals for status tags
 * and headings ("PENDING VETO").
 */
export function humanize(code: string, letters: 'lower' | 'keep' = 'lower'): string {
  const words = code.replaceAll('_', ' ');
  return letters === 'lower' ? words.toLowerCase() : words;
}
