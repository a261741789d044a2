import { AuthorizationRequestUpdatesDocument, type RequestFieldsFragment } from '@tessera/schema/operations';
import type { Api } from '../api/client.ts';
import { applyBatch } from '../view/picture.ts';

export type AuthorizationRequest = RequestFieldsFragment;

/**
 * Authorization requests the signed-in user may see (engagements, WCS and autonomy changes), live.
 * `onAwaiting` is called when a request newly waits for this user's decision.
 */
export class RequestsPicture {
  readonly requests = new Map<string, AuthorizationRequest>();
  version = $state(0);
  #seq = 0;
  #stop: (() => void) | undefined;
  #announced = new Set<string>();
  #api: Api;
  #token: () => string | null;
  #onAwaiting: (requests: AuthorizationRequest[]) => void;

  constructor(api: Api, token: () => string | null, onAwaiting: (requests: AuthorizationRequest[]) => void) {
    this.#api = api;
    this.#token = token;
    this.#onAwaiting = onAwaiting;
  }

  start(): void {
    this.#seq = 0;
    this.#stop = this.#api.subscribe(AuthorizationRequestUpdatesDocument, this.#token, {
      next: ({ authorizationRequestUpdates: batch }) => {
        const result = applyBatch(this.requests, this.#seq, batch);
        if (!result.ok) {
          this.#stop?.();
          return this.start();
        }
        this.#seq = batch.seq;
        const fresh = batch.upserts.filter((r) => r.awaitingYou && !this.#announced.has(r.id));
        for (const r of fresh) this.#announced.add(r.id);
        if (fresh.length > 0 && !batch.reset) this.#onAwaiting(fresh);
        this.version++;
      },
    });
  }

  stop(): void {
    this.#stop?.();
  }

  /** A decision came back from the gateway: show it at once. */
  update(request: AuthorizationRequest): void {
    this.requests.set(request.id, request);
    this.version++;
  }
}
