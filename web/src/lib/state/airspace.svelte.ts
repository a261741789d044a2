import {
  AirspaceUpdatesDocument,
  OperationalAreaDocument,
  type AirspaceUpdatesSubscription,
} from '@tessera/schema/operations';
import { ApiError, type SignedInApi } from '../api/client.ts';
import type { Area, Volume } from '../globe/globe.ts';
import { reservationKey } from '../view/airspace.ts';
import { feed, LiveCollection } from './live-collection.svelte.ts';

type AirspaceBatch = AirspaceUpdatesSubscription['airspaceUpdates'];

/**
 * The airspace the signed-in user may see, live: sectors with their WCS, defended assets and every
 * reservation, keyed NATION/id; and the area of operations, loaded once connected.
 */
export class AirspacePicture {
  readonly volumes: LiveCollection<Volume, AirspaceBatch>;
  area = $state.raw<Area | null>(null);
  #api: SignedInApi;
  #onUnauthenticated: () => void;

  constructor(api: SignedInApi, onUnauthenticated: () => void) {
    this.#api = api;
    this.#onUnauthenticated = onUnauthenticated;
    this.volumes = new LiveCollection(
      feed(api, AirspaceUpdatesDocument, (d) => d.airspaceUpdates),
      { keyOf: (v) => reservationKey(v) },
    );
  }

  start(): void {
    this.volumes.start();
  }

  stop(): void {
    this.volumes.stop();
  }

  /** A sector's WCS changed (the stream carries reservations' changes): take a fresh snapshot. */
  refresh(): void {
    this.volumes.stop();
    this.volumes.start();
  }

  async loadArea(): Promise<void> {
    if (this.area) return;
    try {
      this.area = (await this.#api.request(OperationalAreaDocument, {})).operationalArea ?? null;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') this.#onUnauthenticated();
    }
  }
}
