import {
  AUTHORITY_BUCKET,
  AuthorizationRequest,
  AutonomyMode,
  StandingAuthority,
  WeaponsControlStatus,
} from '@tessera/schema';
import { mirrorKvBucket, type Logger, type NatsLink, type Rejector } from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';
import { mirrorKvIntoHub } from './kv-into-hub.ts';

export interface AuthorityFeed {
  /** The authority's current WCS of a sector, when it has changed it (else the reference data's). */
  wcs(nation: string, sectorId: string): WeaponsControlStatus | undefined;
  /** The autonomy mode in force for a nation's effector class, when changed (else IN_THE_LOOP). */
  autonomy(nation: string, effectorClass: string): AutonomyMode | undefined;
  /** Standing authorities (every nation's; the caller filters). */
  standing(): IterableIterator<StandingAuthority>;
  stop(): void;
}

/**
 * The authority service's state, mirrored from its JetStream KV bucket: requests (into the hub) and
 * the sectors' current weapons control status. The authority owns them; the gateway only reads.
 */
export function startAuthorityFeed(deps: {
  link: NatsLink;
  requests: KeyedHub<AuthorizationRequest>;
  rejector: Rejector;
  logger: Logger;
}): AuthorityFeed {
  const requests = mirrorKvIntoHub(deps.requests, {
    ...deps,
    bucket: AUTHORITY_BUCKET,
    key: 'request.>',
    schemaFor: () => AuthorizationRequest,
  });
  const wcs = mirrorKvBucket<WeaponsControlStatus>({
    ...deps,
    bucket: AUTHORITY_BUCKET,
    key: 'wcs.>',
    schemaFor: () => WeaponsControlStatus,
  });
  const autonomy = mirrorKvBucket<AutonomyMode>({
    ...deps,
    bucket: AUTHORITY_BUCKET,
    key: 'autonomy.>',
    schemaFor: () => AutonomyMode,
  });
  const standing = mirrorKvBucket<StandingAuthority>({
    ...deps,
    bucket: AUTHORITY_BUCKET,
    key: 'standing.>',
    schemaFor: () => StandingAuthority,
  });
  return {
    wcs: (nation, sectorId) => wcs.get(`wcs.${nation}.${sectorId}`),
    autonomy: (nation, effectorClass) => autonomy.get(`autonomy.${nation}.${effectorClass}`),
    standing: () => standing.values(),
    stop() {
      requests.stop();
      wcs.stop();
      autonomy.stop();
      standing.stop();
    },
  };
}
