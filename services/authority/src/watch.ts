import type { AuthorityCore } from './core.ts';
import { SERVICE } from './core.ts';
import { abortReason } from './domain/checks.ts';
import { abort } from './domain/rules.ts';

/**
 * Time passes: deadlines expire waiting requests, veto windows close, an approval not used by its
 * deadline lapses, and an authorized or running engagement whose situation no longer allows it
 * (target gone or protected, WCS changed, a friendly or no-fire area within the danger radius) is
 * aborted. Right after a start, a target or sector not known yet is not taken as gone or as HOLD.
 */
export async function watchOpenRequests(core: AuthorityCore): Promise<void> {
  const now = core.clock.now();
  core.picture.expire(now);
  for (const id of [...core.live]) {
    const stored = await core.current(id);
    const r = stored?.request;
    if (!stored || !r || !core.live.has(id)) {
      core.live.delete(id);
      continue;
    }
    // Fail-safe: an approval not used by its deadline lapses; nothing expired ever executes.
    if (r.engagementState === 'AUTHORIZED' && now >= Date.parse(r.deadline)) {
      const lapsed = abort(r, 'authorization expired before launch');
      if (lapsed.ok)
        await core.commit(lapsed.value, stored.revision, SERVICE, 'ENGAGEMENT_ABORTED', {
          reason: 'authorization expired before launch',
        });
      continue;
    }
    if (r.engagement && (r.engagementState === 'AUTHORIZED' || r.engagementState === 'EXECUTING')) {
      const s = await core.situation(r);
      const why = !core.warm() && (s.targetIdentity === null || s.wcs === null) ? null : abortReason(r, s);
      if (why) {
        const aborted = abort(r, why);
        if (aborted.ok)
          await core.commit(aborted.value, stored.revision, SERVICE, 'ENGAGEMENT_ABORTED', { reason: why });
      }
    }
  }
}
