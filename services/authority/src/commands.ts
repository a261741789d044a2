import {
  agentActor,
  type Actor,
  type AgentCommand,
  type AuthorityReply,
  type AuthorizationRequest,
  type EffectOutcome,
  type GatewayCommand,
  type StandingAuthority,
  type StandingReply,
} from '@tessera/schema';
import { refusal, type AuthorityCore } from './core.ts';
import { establishEngagement, establishJamming, establishWarnings, targetStillFit } from './domain/facts.ts';
import { concurrenceCheck, engagementChecks } from './domain/checks.ts';
import { concurredAtLaunch } from './domain/spectrum-check.ts';
import { complete, decide, launch, withdraw, type Outcome } from './domain/rules.ts';
import { grantStanding, revokeStanding } from './domain/standing.ts';

/**
 * The two kinds of caller and what each may ask (docs/authority.md, "Trust"). A person's command
 * arrives only from the gateway, which authenticated the person named in it; an agent's command
 * names no one: its nation is the subject's, and it acts only on its own nation's requests.
 */

/** A person's command, vouched for by the gateway. */
export async function fromGateway(core: AuthorityCore, cmd: GatewayCommand): Promise<AuthorityReply | StandingReply> {
  const now = core.clock.now();
  const by = cmd.type === 'OPEN' ? cmd.request.requestedBy : cmd.by;
  const person: Actor = { kind: 'USER', id: by.username, nation: by.nation };
  switch (cmd.type) {
    case 'OPEN':
      // People ask for WCS and autonomy changes of their own nation only.
      if (!by.roles.includes('COMMANDER') || by.nation !== cmd.request.nation) {
        return core.refuse(person, cmd.request.id, 'OPEN', {
          ok: false,
          rule: 'NOT_A_COMMANDER',
          message: `Only a commander of ${cmd.request.nation} asks for this change.`,
        });
      }
      return core.open({ ...cmd.request, requestedBy: person, engagement: null, jamming: null }, person);
    case 'DECIDE': {
      const stored = await core.current(cmd.requestId);
      if (!stored)
        return core.refuse(person, cmd.requestId, 'DECIDE', {
          ok: false,
          rule: 'INVALID',
          message: `No request ${cmd.requestId}.`,
        });
      const next = decide(stored.request, { decision: cmd.decision, reason: cmd.reason }, cmd.by, now);
      if (!next.ok) return core.refuse(person, cmd.requestId, 'DECIDE', next);
      await core.commit(next.value, stored.revision, person, `DECISION_${cmd.decision}`, { reason: cmd.reason });
      return { ok: true, request: next.value };
    }
    case 'SET_STANDING':
    case 'REVOKE_STANDING':
      return standingCommand(core, cmd, person, now);
  }
}

/** Grant or revoke standing authority (pre-delegation); audited like every decision. */
async function standingCommand(
  core: AuthorityCore,
  cmd: Extract<GatewayCommand, { type: 'SET_STANDING' | 'REVOKE_STANDING' }>,
  actor: Actor,
  now: number,
): Promise<StandingReply> {
  const subject =
    cmd.type === 'SET_STANDING'
      ? `${cmd.authority.nation}/standing/${cmd.authority.id}`
      : `${cmd.nation}/standing/${cmd.standingId}`;
  let out: Outcome<StandingAuthority>;
  if (cmd.type === 'SET_STANDING') {
    out = core.standing.has(`${cmd.authority.nation}.${cmd.authority.id}`)
      ? { ok: false, rule: 'INVALID', message: `Standing authority ${cmd.authority.id} already exists.` }
      : grantStanding(cmd.authority, cmd.by, now);
  } else {
    const existing = core.standing.get(`${cmd.nation}.${cmd.standingId}`);
    out = existing
      ? revokeStanding(existing, cmd.by, now)
      : { ok: false, rule: 'INVALID', message: `No standing authority ${cmd.standingId}.` };
  }
  if (!out.ok) {
    await core.audit.append({
      actor,
      action: 'REFUSED',
      subject,
      details: { command: cmd.type, rule: out.rule, message: out.message },
    });
    return { ok: false, rule: out.rule, message: out.message };
  }
  const sa = out.value;
  await core.state.putStanding(
    sa,
    actor,
    cmd.type === 'SET_STANDING' ? 'STANDING_AUTHORITY_SET' : 'STANDING_AUTHORITY_REVOKED',
    subject,
    {
      effectorClasses: sa.effectorClasses.join(','),
      expiresAt: sa.expiresAt,
      ...(sa.revokedAt ? { revokedAt: sa.revokedAt } : {}),
    },
  );
  core.standing.set(`${sa.nation}.${sa.id}`, sa);
  return { ok: true, standing: sa };
}

/** An agent's command; `nation` is its subject's. */
export async function fromAgent(core: AuthorityCore, nation: string, cmd: AgentCommand): Promise<AuthorityReply> {
  const now = core.clock.now();
  const actor = agentActor(nation);
  if (cmd.type === 'OPEN') return openForAgent(core, nation, actor, cmd);
  const stored = await core.current(cmd.requestId);
  if (!stored)
    return core.refuse(actor, cmd.requestId, cmd.type, {
      ok: false,
      rule: 'INVALID',
      message: `No request ${cmd.requestId}.`,
    });
  const r = stored.request;
  if (r.nation !== nation || r.requestedBy.kind !== 'SERVICE' || r.requestedBy.id !== actor.id) {
    return core.refuse(actor, cmd.requestId, cmd.type, {
      ok: false,
      rule: 'NOT_YOUR_REQUEST',
      message: `Request ${cmd.requestId} is not ${nation}'s agents' to ${cmd.type.toLowerCase()}.`,
    });
  }
  switch (cmd.type) {
    case 'WITHDRAW': {
      const next = withdraw(r, now);
      if (!next.ok) return core.refuse(actor, cmd.requestId, cmd.type, next);
      await core.commit(next.value, stored.revision, actor, 'REQUEST_WITHDRAWN');
      return { ok: true, request: next.value };
    }
    case 'LAUNCH': {
      // Until the picture has refilled after a restart, the authority cannot check the situation.
      if (!core.warm())
        return refusal({
          ok: false,
          rule: 'PICTURE_WARMING_UP',
          message: 'The authority has just started and is rebuilding its picture; ask again in a few seconds.',
        });
      // The target as the authority sees it now: fresh, and no flag the deciders have not seen.
      const fit = targetStillFit(r, core.facts);
      if (!fit.ok) return core.refuse(actor, cmd.requestId, cmd.type, fit);
      const s = await core.situation(r);
      const next = launch(r, s, now);
      if (!next.ok) return core.refuse(actor, cmd.requestId, cmd.type, next);
      let checks = r.engagement ? engagementChecks(next.value, s) : r.checks;
      if (r.jamming) {
        // The spectrum again, for the time it will now run: a TABOO band or a band nobody concurred for stops it.
        const again = core.spectrumOf({ ...r, jamming: r.jamming }, now, now + r.jamming.durationS * 1000);
        const concurred = again.ok ? concurredAtLaunch(r, again.value) : again;
        if (!concurred.ok) return core.refuse(actor, cmd.requestId, cmd.type, concurred);
        if (again.ok) checks = [...again.value.checks, concurrenceCheck(r.requiredApprovals)];
      }
      // What the authority found at launch is kept with the request (and audited with it).
      const launched = { ...next.value, checks };
      await core.commit(launched, stored.revision, actor, 'ENGAGEMENT_EXECUTING');
      return { ok: true, request: launched };
    }
    case 'COMPLETE': {
      const next = complete(r, cmd.outcome);
      if (!next.ok) return core.refuse(actor, cmd.requestId, cmd.type, next);
      await core.commit(next.value, stored.revision, actor, 'ENGAGEMENT_COMPLETED', { outcome: cmd.outcome });
      const outcome = outcomeOf(core, next.value, cmd.outcome);
      if (outcome) core.publishOutcome(outcome);
      return { ok: true, request: next.value };
    }
  }
}

/** An agent asks for an engagement or a jamming: its facts are established, not believed. */
async function openForAgent(
  core: AuthorityCore,
  nation: string,
  actor: Actor,
  cmd: Extract<AgentCommand, { type: 'OPEN' }>,
): Promise<AuthorityReply> {
  const r = cmd.request;
  const invalid = (message: string) => ({ ok: false, rule: 'INVALID', message }) as const;
  let details: Pick<AuthorizationRequest, 'engagement' | 'jamming'>;
  if (r.kind === 'ENGAGEMENT') {
    const established =
      r.engagement && !r.jamming
        ? establishEngagement(nation, r.engagement, r.label, core.facts)
        : invalid('An engagement request has engagement details and no jamming.');
    if (!established.ok) return core.refuse(actor, r.id, 'OPEN', established);
    details = { engagement: established.value, jamming: null };
  } else {
    const established =
      r.jamming && !r.engagement
        ? establishJamming(nation, r.jamming, r.label, core.facts)
        : invalid('A jamming request has jamming details and no engagement.');
    if (!established.ok) return core.refuse(actor, r.id, 'OPEN', established);
    details = { engagement: null, jamming: established.value };
  }
  return core.open(
    {
      id: r.id,
      kind: r.kind,
      nation,
      label: r.label,
      requestedBy: actor,
      wcsChange: null,
      autonomyChange: null,
      ...details,
      // Established, as the facts are: what the agent named, plus every flag on the target it left out.
      // A warning can only make the deciders more careful (and keeps ON_THE_LOOP and standing authority out).
      targetWarnings: establishWarnings(
        nation,
        details.engagement?.targetTrackId ?? details.jamming?.targetTrackId,
        r.targetWarnings ?? [],
        core.facts,
      ),
    },
    actor,
  );
}

/** What a completed engagement or jamming did to its target, for the world to know. */
function outcomeOf(
  core: AuthorityCore,
  r: AuthorizationRequest,
  outcome: 'DESTROYED' | 'MISSED',
): EffectOutcome | null {
  const trackId = r.engagement?.targetTrackId ?? r.jamming?.targetTrackId;
  const effectorId = r.engagement?.effectorId ?? r.jamming?.effectorId;
  if (!trackId || !effectorId) return null;
  const target = core.picture.track(trackId, core.clock.now());
  return {
    requestId: r.id,
    effectorId,
    trackId,
    nation: target?.label.originator ?? r.label.originator,
    outcome,
    at: new Date(core.clock.now()).toISOString(),
  };
}
