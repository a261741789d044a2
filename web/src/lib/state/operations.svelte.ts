import type { SignedInApi } from '../api/client.ts';
import { alertRows } from '../view/alerts.ts';
import { freshness } from '../view/freshness.ts';
import { requestRows } from '../view/requests.ts';
import { AiPicture, type Alert } from './ai-picture.svelte.ts';
import { AirspacePicture } from './airspace.svelte.ts';
import { Clock } from './clock.svelte.ts';
import { Deconfliction } from './deconfliction.svelte.ts';
import type { Conflict } from '../view/conflicts.ts';
import { LivePicture, type Track } from './live-picture.svelte.ts';
import { RequestsPicture, type AuthorizationRequest } from './requests.svelte.ts';
import { SpectrumPicture } from './spectrum.svelte.ts';

/** What the operations picture tells the page it must bring to the user's attention. */
export interface Cues {
  /** New critical alerts (not those already there at sign-in). */
  critical(alerts: Alert[]): void;
  /** Requests that newly wait for this user's decision. */
  awaiting(requests: AuthorizationRequest[]): void;
  /** New conflicts that endanger the user's nation's airspace. */
  conflict(conflicts: Conflict[]): void;
  /** The gateway refused the session: it has ended. */
  ended(): void;
}

/**
 * Everything live the COP shows, for one signed-in user: tracks, the AI layer, authorization
 * requests, the airspace, the spectrum and their deconfliction, on one clock, started and stopped together; and the lists components
 * show, derived from them.
 */
export class Operations {
  readonly clock = new Clock();
  readonly picture: LivePicture;
  readonly ai: AiPicture;
  readonly requests: RequestsPicture;
  readonly airspace: AirspacePicture;
  readonly spectrum: SpectrumPicture;
  readonly deconfliction: Deconfliction;

  /** Tracks on screen: every track but those stale for so long they are hidden. */
  readonly shown: Track[] = $derived.by(() =>
    [...this.picture.tracks.current.values()].filter((t) => freshness(t, this.clock.now) !== 'expired'),
  );
  readonly alerts: Alert[] = $derived.by(() => alertRows(this.ai.alerts.current.values(), this.clock.now));
  readonly requestList: AuthorizationRequest[] = $derived.by(() =>
    requestRows(this.requests.requests.current.values(), this.clock.now),
  );
  /** WCS changes in force: each one changed the airspace. */
  readonly approvedWcsChanges: number = $derived.by(
    () =>
      [...this.requests.requests.current.values()].filter((r) => r.kind === 'WCS_CHANGE' && r.state === 'APPROVED')
        .length,
  );

  /** The live parts, started and stopped together. */
  readonly #parts: { start(): void; stop(): void }[];
  #stopEffects: (() => void) | undefined;

  constructor(
    /** The API as the signed-in user, for the panels that load their own data. */
    readonly api: SignedInApi,
    nation: string | null,
    cues: Cues,
  ) {
    this.picture = new LivePicture(api, (status) => {
      // Reference data on every (re)connection; a refused token ends the session.
      if (status.state === 'live') void this.airspace.loadArea();
      if (status.state === 'closed') cues.ended();
    });
    this.ai = new AiPicture(api, cues.critical);
    this.requests = new RequestsPicture(api, cues.awaiting);
    this.airspace = new AirspacePicture(api, cues.ended);
    this.spectrum = new SpectrumPicture(api);
    this.deconfliction = new Deconfliction(api, this.airspace, this.spectrum, nation, cues.conflict);
    this.#parts = [this.picture, this.ai, this.requests, this.airspace, this.spectrum, this.deconfliction];
  }

  start(): void {
    this.clock.start();
    for (const part of this.#parts) part.start();
    this.#stopEffects = $effect.root(() => {
      $effect(() => {
        if (this.approvedWcsChanges > 0) this.airspace.refresh();
      });
    });
  }

  stop(): void {
    this.#stopEffects?.();
    for (const part of this.#parts) part.stop();
    this.clock.stop();
  }
}
