import { AirspaceDocument } from '@tessera/schema/operations';
import { ApiError, type SignedInApi } from '../api/client.ts';
import type { Area, Volume } from '../globe/globe.ts';
import { deepEqual } from '../view/equal.ts';

/**
 * The airspace the signed-in user may see (sectors with their WCS, reservations) and the area of
 * operations, loaded on every (re)connection and whenever something changed it.
 */
export class AirspacePicture {
  volumes = $state.raw<Volume[]>([]);
  area = $state.raw<Area | null>(null);
  #api: SignedInApi;
  #onUnauthenticated: () => void;

  constructor(api: SignedInApi, onUnauthenticated: () => void) {
    this.#api = api;
    this.#onUnauthenticated = onUnauthenticated;
  }

  async load(): Promise<void> {
    try {
      const data = await this.#api.request(AirspaceDocument, {});
      // New volumes only when something changed: the globe redraws them all.
      if (!deepEqual(data.airspace, this.volumes)) this.volumes = data.airspace;
      if (!this.area && data.operationalArea) this.area = data.operationalArea;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') this.#onUnauthenticated();
    }
  }
}
