import { SvelteSet } from 'svelte/reactivity';
import type { StandardIdentity, TrackKind } from '@tessera/schema';
import type { SortKey, TrackFilter } from '../view/track-filter.ts';

/** The side panel's tabs. */
export type SideTab = 'alerts' | 'authorizations' | 'sectors' | 'deconfliction' | 'audit';

/** What the watch officer is looking at: the side panel's tab, the list's filter and sort, the selection, following. */
export class CopView {
  tab = $state<SideTab>('alerts');
  search = $state('');
  identities = new SvelteSet<StandardIdentity>();
  kinds = new SvelteSet<TrackKind>();
  nations = new SvelteSet<string>();
  sortKey = $state<SortKey>('threat');
  descending = $state(false);
  selectedId = $state<string | null>(null);
  following = $state(false);
  helpOpen = $state(false);

  get filter(): TrackFilter {
    return { search: this.search, identities: this.identities, kinds: this.kinds, nations: this.nations };
  }

  select(id: string | null): void {
    if (id !== this.selectedId) this.following = false;
    this.selectedId = id;
  }

  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.descending = !this.descending;
    else {
      this.sortKey = key;
      this.descending = false;
    }
  }
}
