import {
  AuthorizationRequestUpdatesDocument,
  DecideRequestDocument,
  RequestWcsChangeDocument,
  type AuthorizationRequestUpdatesSubscription,
  type DecisionKind,
  type RequestFieldsFragment,
  type WeaponsControlStatus,
} from '@tessera/schema/operations';
import type { SignedInApi } from '../api/client.ts';
import { attempt } from '../api/errors.ts';
import { announcer } from '../view/picture.ts';
import { feed, LiveCollection } from './live-collection.svelte.ts';

export type AuthorizationRequest = RequestFieldsFragment;
type RequestBatch = AuthorizationRequestUpdatesSubscription['authorizationRequestUpdates'];

/**
 * Authorization requests the signed-in user may see (engagements, jamming, WCS and autonomy
 * changes), live, and what a user does with them: decide, or ask for a WCS change. `onAwaiting` is
 * called when a request newly waits for this user's decision.
 */
export class RequestsPicture {
  readonly requests: LiveCollection<AuthorizationRequest, RequestBatch>;
  #api: SignedInApi;

  constructor(api: SignedInApi, onAwaiting: (requests: AuthorizationRequest[]) => void) {
    this.#api = api;
    this.requests = new LiveCollection(
      feed(api, AuthorizationRequestUpdatesDocument, (d) => d.authorizationRequestUpdates),
      { onApplied: announcer((r) => r.awaitingYou, onAwaiting) },
    );
  }

  start(): void {
    this.requests.start();
  }

  stop(): void {
    this.requests.stop();
  }

  /** Records this user's decision: null when recorded, else the rule that refused it. */
  decide(request: AuthorizationRequest, decision: DecisionKind, reason: string): Promise<string | null> {
    return attempt(async () => {
      const { decideRequest } = await this.#api.request(DecideRequestDocument, { id: request.id, decision, reason });
      this.requests.upsert(decideRequest);
    });
  }

  /** Opens a request to change a sector's weapons control status: null when opened, else why not. */
  requestWcsChange(sectorId: string, to: WeaponsControlStatus, reason: string): Promise<string | null> {
    return attempt(async () => {
      const { requestWcsChange } = await this.#api.request(RequestWcsChangeDocument, { sectorId, to, reason });
      this.requests.upsert(requestWcsChange);
    });
  }
}
