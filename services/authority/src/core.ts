import {
  authorityKeys,
  isOpenRequest,
  targetWarningsOn,
  type Actor,
  type AirspaceVolume,
  type Alert,
  type AuthorityReply,
  type AuthorizationRequest,
  type AutonomyMode,
  type EffectOutcome,
  type EffectorRef,
  type RequiredApproval,
  type RestrictedEntry,
  type SpectrumAssignment,
  type StandingAuthority,
  type WeaponsControlStatus,
} from '@tessera/schema';
import type { Clock } from '@tessera/service-kit';
import type { SpectrumIndex } from '@tessera/service-kit/spectrum';
import type { FactSources } from './domain/facts.ts';
import type { AuthorityPicture } from './domain/picture.ts';
import { concurrenceCheck, engagementChecks, type Check } from './domain/checks.ts';
import { checkJammingSpectrum, unnamedOwners, type JammingSpectrum } from './domain/spectrum-check.ts';
import {
  advance,
  openRequest,
  requiredApprovals,
  type AuthorityPolicy,
  type NewRequest,
  type Outcome,
  type Refusal,
} from './domain/rules.ts';
import { situationOf } from './domain/situation.ts';
import { visibleToApprovers } from './domain/facts.ts';
import type { AuditSink, AuthorityState } from './state.ts';

export const SERVICE: Actor = { kind: 'SERVICE', id: 'authority', nation: null };
export const refusal = (r: Refusal): AuthorityReply => ({ ok: false, rule: r.rule, message: r.message });

export interface CoreDeps {
  state: AuthorityState;
  audit: AuditSink;
  picture: AuthorityPicture;
  clock: Clock;
  policy: AuthorityPolicy;
  reference: { volumes(): Iterable<AirspaceVolume>; effectors(): Iterable<EffectorRef> };
  /** The coalition's spectrum as the deconfliction service keeps it: assignments and restricted entries. */
  spectrum: SpectrumSource;
  /** The detector's alerts (its bucket, mirrored): an open ANOMALY alert flags a target as implausible. */
  alerts(): Iterable<Alert>;
  /** Whether the picture has had time to fill since the service started. */
  warm(): boolean;
  /** Tell the world what a completed engagement did (the twin removes a destroyed target). */
  publishOutcome(outcome: EffectOutcome): void;
}

/** What a jamming is checked against (the authority mirrors the deconfliction service's bucket). */
export interface SpectrumSource {
  assignments(): SpectrumIndex | Iterable<SpectrumAssignment>;
  restricted(): Iterable<RestrictedEntry>;
}

/**
 * What every command and the watch share: the state with its revision-checked, audit-first writes,
 * the requests that need watching, standing authorities, and the situation around an engagement
 * as the authority sees it now (its own picture, the WCS in force). The rules themselves are pure
 * (domain/); this is where they meet the stored state.
 */
export function createAuthorityCore(deps: CoreDeps) {
  const { state, picture, clock, policy, reference } = deps;
  /** Requests the watch must look at: waiting, or an engagement authorized or running. */
  const live = new Set<string>();
  /** Standing authorities by `<nation>.<id>` (the service is their only writer; loaded at start). */
  const standing = new Map<string, StandingAuthority>();

  const facts: FactSources = {
    track: (id) => picture.track(id, clock.now()),
    detection: (id) => picture.detection(id),
    effector: (nation, id) => [...reference.effectors()].find((e) => e.nation === nation && e.id === id),
    volumes: () => reference.volumes(),
    warnings: (trackId, nation) => targetWarningsOn(trackId, deps.alerts(), { nation, clearance: 'SECRET' }),
    stale: (trackId) => picture.isStale(trackId, clock.now()),
  };

  async function commit(
    request: AuthorizationRequest,
    revision: number | null,
    actor: Actor,
    action: string,
    details: Record<string, string | number> = {},
  ) {
    await state.commit(request, revision, actor, action, details);
    if (isOpenRequest(request)) live.add(request.id);
    else live.delete(request.id);
  }

  /** The WCS in force in a sector: an approved change, else the reference data's; null for an unknown sector. */
  async function wcsNow(nation: string, sectorId: string): Promise<WeaponsControlStatus | null> {
    const stored = (await state.getValue(authorityKeys.wcs(nation, sectorId))) as WeaponsControlStatus | undefined;
    if (stored) return stored;
    for (const v of reference.volumes())
      if (v.kind === 'SECTOR' && v.nation === nation && v.id === sectorId) return v.wcs ?? 'HOLD';
    return null;
  }

  async function situation(r: AuthorizationRequest) {
    const e = r.engagement;
    return situationOf(
      r,
      picture.tracks(clock.now()),
      reference.volumes(),
      e ? await wcsNow(e.sectorNation, e.sectorId) : null,
    );
  }

  async function refuse(actor: Actor, subject: string, command: string, r: Refusal): Promise<AuthorityReply> {
    await deps.audit.append({
      actor,
      action: 'REFUSED',
      subject,
      details: { command, rule: r.rule, message: r.message },
    });
    return refusal(r);
  }

  /** A stored request as it stands now: a deadline or veto window that passed is applied first. */
  async function current(id: string) {
    let stored = await state.load(id);
    const due = stored && advance(stored.request, clock.now());
    if (stored && due) {
      await commit(
        due,
        stored.revision,
        SERVICE,
        due.state === 'EXPIRED' ? 'REQUEST_EXPIRED' : 'REQUEST_AUTO_APPROVED',
      );
      stored = await state.load(id);
    }
    return stored;
  }

  /**
   * The spectrum check of a jamming (spectrum-check.ts) against the mirrored bucket, for a jamming
   * that may run from `nowMs` until `untilMs`: at OPEN, and again at LAUNCH.
   */
  function spectrumOf(
    r: Pick<AuthorizationRequest, 'nation' | 'label'> & { jamming: NonNullable<AuthorizationRequest['jamming']> },
    nowMs: number,
    untilMs: number,
  ): Outcome<JammingSpectrum> {
    const jammer = facts.effector(r.nation, r.jamming.effectorId);
    if (!jammer)
      return {
        ok: false,
        rule: 'UNKNOWN_EFFECTOR',
        message: `${r.nation} has no effector ${r.jamming.effectorId} in the reference data.`,
      };
    // The airspace as the deconfliction service keeps it (reservation.<nation>.<id>, mirrored by the
    // reference feed): a tied assignment is judged where its reservation is, as that service judges it.
    let volumes: Map<string, AirspaceVolume> | undefined;
    const reservations = (nation: string, id: string) => {
      volumes ??= new Map([...reference.volumes()].map((v) => [`${v.nation}/${v.id}`, v]));
      return volumes.get(`${nation}/${id}`);
    };
    return checkJammingSpectrum({
      nation: r.nation,
      label: r.label,
      jamming: r.jamming,
      jammer,
      nowMs,
      untilMs,
      assignments: deps.spectrum.assignments(),
      restricted: deps.spectrum.restricted(),
      reservations,
    });
  }

  /** Open a request whose caller and facts were already checked by the subject's handler. */
  async function open(input: NewRequest, actor: Actor): Promise<AuthorityReply> {
    if (await state.load(input.id))
      return refuse(actor, input.id, 'OPEN', {
        ok: false,
        rule: 'INVALID',
        message: `Request ${input.id} already exists.`,
      });
    const nowMs = clock.now();
    // A jamming's spectrum (spectrum-check.ts): refused over a TABOO band; else who else must concur and what the deciders see.
    let concurrence: RequiredApproval[] = [];
    let spectrumChecks: Check[] | null = null;
    // Nations a refusal must not name: there only because of bands not every party may see.
    let unnamed = new Set<string>();
    if (input.kind === 'JAMMING' && input.jamming) {
      // The last launch is at the deadline; the jamming then runs for its duration.
      const j = input.jamming;
      const checked = spectrumOf(
        { ...input, jamming: j },
        nowMs,
        nowMs + (policy.deadlineS.JAMMING + j.durationS) * 1000,
      );
      if (!checked.ok) return refuse(actor, input.id, 'OPEN', checked);
      concurrence = checked.value.concurrence;
      spectrumChecks = checked.value.checks;
      unnamed = unnamedOwners(
        checked.value,
        requiredApprovals(input, policy).map((r) => r.nation),
      );
    }
    const e = input.engagement;
    const sectorWcs = e ? await wcsNow(e.sectorNation, e.sectorId) : null;
    const autonomy = e
      ? (((await state.getValue(authorityKeys.autonomy(input.nation, e.effectorClass))) as AutonomyMode | undefined) ??
        'IN_THE_LOOP')
      : undefined;
    const standingOfNation = [...standing.values()].filter((sa) => sa.nation === input.nation);
    const opened = openRequest(input, {
      nowMs,
      policy,
      standing: standingOfNation,
      concurrence,
      ...(sectorWcs ? { sectorWcs } : {}),
      ...(autonomy ? { autonomy } : {}),
    });
    if (!opened.ok) return refuse(actor, input.id, 'OPEN', opened);
    const seen = visibleToApprovers(opened.value, unnamed);
    if (!seen.ok) return refuse(actor, input.id, 'OPEN', seen);
    const request = opened.value.engagement
      ? { ...opened.value, checks: engagementChecks(opened.value, await situation(opened.value)) }
      : spectrumChecks
        ? { ...opened.value, checks: [...spectrumChecks, concurrenceCheck(opened.value.requiredApprovals)] }
        : opened.value;
    await commit(request, null, actor, 'REQUEST_OPENED', {
      kind: request.kind,
      nation: request.nation,
      deadline: request.deadline,
    });
    return { ok: true, request };
  }

  return {
    ...deps,
    live,
    standing,
    facts,
    commit,
    current,
    situation,
    spectrumOf,
    refuse,
    open,
    /** Load what the watch and the rules need from the stored state (at start). */
    async load() {
      for (const r of await state.all()) if (isOpenRequest(r)) live.add(r.id);
      for (const sa of await state.standing()) standing.set(`${sa.nation}.${sa.id}`, sa);
    },
  };
}
export type AuthorityCore = ReturnType<typeof createAuthorityCore>;
