/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Classification levels, from least to most protected. */
export type Classification =
  /** Confidential. */
  | 'CONFIDENTIAL'
  /** Restricted. */
  | 'RESTRICTED'
  /** Secret. */
  | 'SECRET'
  /** Releasable without restriction within the coalition network. */
  | 'UNCLASSIFIED';

/** What a user may do in Tessera. */
export type Role =
  /** Runs scenarios and manages users; not bound to a nation. */
  | 'ADMIN'
  /** Decides authorization requests of their nation. */
  | 'COMMANDER'
  /** Owns the nation's airspace reservations and spectrum assignments. */
  | 'LIAISON'
  /** Watches the common operational picture; never authorizes force. */
  | 'WATCH_OFFICER';

/** STANAG 1241 / APP-6 standard identity. */
export type StandardIdentity =
  /** Presumed friend. */
  | 'ASSUMED_FRIEND'
  /** Friend. */
  | 'FRIEND'
  /** Hostile. */
  | 'HOSTILE'
  /** Neither supporting nor opposing. */
  | 'NEUTRAL'
  /** Not yet assessed. */
  | 'PENDING'
  /** Presumed hostile. */
  | 'SUSPECT'
  /** Assessed, but not identified. */
  | 'UNKNOWN';

/** What kind of object a track is. */
export type TrackKind =
  /** Ballistic missile. */
  | 'BALLISTIC'
  /** Balloon. */
  | 'BALLOON'
  /** Cruise missile. */
  | 'CRUISE_MISSILE'
  /** Fixed-wing aircraft. */
  | 'FIXED_WING'
  /** Glide bomb. */
  | 'GLIDE_BOMB'
  /** Helicopter. */
  | 'ROTARY'
  /** Unmanned aircraft system (drone). */
  | 'UAS'
  /** Not yet classified. */
  | 'UNKNOWN';

/** What an airspace volume is for. */
export type VolumeKind =
  /** The protected volume around a defended asset. */
  | 'DEFENDED_ASSET'
  /** Engagement zone of an air-defence unit. */
  | 'ENGAGEMENT_ZONE'
  /** No fire area: no engagement may have its intercept point or path inside. */
  | 'NO_FIRE_AREA'
  /** Restricted operating zone. */
  | 'ROZ'
  /** A nation's air-defence sector, with its weapons control status. */
  | 'SECTOR'
  /** Transit corridor for friendly or civil traffic. */
  | 'TRANSIT_CORRIDOR';

/** Weapons control status of a sector. */
export type WeaponsControlStatus =
  /** Fire at any track not identified FRIEND, ASSUMED_FRIEND or NEUTRAL. */
  | 'FREE'
  /** Fire only in self-defence or on explicit order. */
  | 'HOLD'
  /** Fire only at tracks identified HOSTILE. */
  | 'TIGHT';

export type AirspaceQueryVariables = Exact<{ [key: string]: never; }>;


export type AirspaceQuery = { operationalArea: { scenario: string, radiusKm: number, center: { lat: number, lon: number } } | null, airspace: Array<{ id: string, name: string, kind: VolumeKind, nation: string, floorM: number, ceilingM: number, wcs: WeaponsControlStatus | null, validFrom: string | null, validTo: string | null, version: number, label: { policy: string, classification: Classification, originator: string, releasableTo: Array<string> }, outline: Array<{ lat: number, lon: number }> | null, circle: { radiusM: number, center: { lat: number, lon: number } } | null }> };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, expiresAt: string, user: { username: string, displayName: string, nation: string | null, roles: Array<Role>, clearance: Classification } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { username: string, displayName: string, nation: string | null, roles: Array<Role>, clearance: Classification } };

export type UserFieldsFragment = { username: string, displayName: string, nation: string | null, roles: Array<Role>, clearance: Classification };

export type RefreshTokenMutationVariables = Exact<{ [key: string]: never; }>;


export type RefreshTokenMutation = { refreshToken: { token: string, expiresAt: string, user: { username: string, displayName: string, nation: string | null, roles: Array<Role>, clearance: Classification } } };

export type TrackFieldsFragment = { id: string, kind: TrackKind, identity: StandardIdentity, sidc: string, quality: number, updatedAt: string, staleAt: string, position: { lat: number, lon: number, altM: number }, velocity: { speedMps: number, courseDeg: number, climbMps: number }, label: { policy: string, classification: Classification, originator: string, releasableTo: Array<string> }, provenance: { nation: string, system: string | null, sourceId: string | null, observedAt: string, publishedAt: string }, assessments: Array<{ nation: string, identity: StandardIdentity }>, redacted: Array<{ path: string, classification: Classification, releasableTo: Array<string> }> };

export type TracksQueryVariables = Exact<{ [key: string]: never; }>;


export type TracksQuery = { tracks: Array<{ id: string, kind: TrackKind, identity: StandardIdentity, sidc: string, quality: number, updatedAt: string, staleAt: string, position: { lat: number, lon: number, altM: number }, velocity: { speedMps: number, courseDeg: number, climbMps: number }, label: { policy: string, classification: Classification, originator: string, releasableTo: Array<string> }, provenance: { nation: string, system: string | null, sourceId: string | null, observedAt: string, publishedAt: string }, assessments: Array<{ nation: string, identity: StandardIdentity }>, redacted: Array<{ path: string, classification: Classification, releasableTo: Array<string> }> }> };

export type TrackQueryVariables = Exact<{
  id: string | number;
}>;


export type TrackQuery = { track: { id: string, kind: TrackKind, identity: StandardIdentity, sidc: string, quality: number, updatedAt: string, staleAt: string, position: { lat: number, lon: number, altM: number }, velocity: { speedMps: number, courseDeg: number, climbMps: number }, label: { policy: string, classification: Classification, originator: string, releasableTo: Array<string> }, provenance: { nation: string, system: string | null, sourceId: string | null, observedAt: string, publishedAt: string }, assessments: Array<{ nation: string, identity: StandardIdentity }>, redacted: Array<{ path: string, classification: Classification, releasableTo: Array<string> }> } | null };

export type TrackUpdatesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type TrackUpdatesSubscription = { trackUpdates: { seq: number, reset: boolean, removals: Array<string>, sentAt: string, upserts: Array<{ id: string, kind: TrackKind, identity: StandardIdentity, sidc: string, quality: number, updatedAt: string, staleAt: string, position: { lat: number, lon: number, altM: number }, velocity: { speedMps: number, courseDeg: number, climbMps: number }, label: { policy: string, classification: Classification, originator: string, releasableTo: Array<string> }, provenance: { nation: string, system: string | null, sourceId: string | null, observedAt: string, publishedAt: string }, assessments: Array<{ nation: string, identity: StandardIdentity }>, redacted: Array<{ path: string, classification: Classification, releasableTo: Array<string> }> }> } };

export const UserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"clearance"}}]}}]} as unknown as DocumentNode<UserFieldsFragment, unknown>;
export const TrackFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrackFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Track"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}},{"kind":"Field","name":{"kind":"Name","value":"sidc"}},{"kind":"Field","name":{"kind":"Name","value":"position"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lon"}},{"kind":"Field","name":{"kind":"Name","value":"altM"}}]}},{"kind":"Field","name":{"kind":"Name","value":"velocity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"speedMps"}},{"kind":"Field","name":{"kind":"Name","value":"courseDeg"}},{"kind":"Field","name":{"kind":"Name","value":"climbMps"}}]}},{"kind":"Field","name":{"kind":"Name","value":"label"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"originator"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assessments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quality"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"staleAt"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}}]}}]} as unknown as DocumentNode<TrackFieldsFragment, unknown>;
export const AirspaceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Airspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operationalArea"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scenario"}},{"kind":"Field","name":{"kind":"Name","value":"center"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"radiusKm"}}]}},{"kind":"Field","name":{"kind":"Name","value":"airspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"label"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"originator"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"circle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"center"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lon"}}]}},{"kind":"Field","name":{"kind":"Name","value":"radiusM"}}]}},{"kind":"Field","name":{"kind":"Name","value":"floorM"}},{"kind":"Field","name":{"kind":"Name","value":"ceilingM"}},{"kind":"Field","name":{"kind":"Name","value":"wcs"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validTo"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<AirspaceQuery, AirspaceQueryVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"clearance"}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"clearance"}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const RefreshTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"clearance"}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const TracksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Tracks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tracks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrackFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrackFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Track"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}},{"kind":"Field","name":{"kind":"Name","value":"sidc"}},{"kind":"Field","name":{"kind":"Name","value":"position"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lon"}},{"kind":"Field","name":{"kind":"Name","value":"altM"}}]}},{"kind":"Field","name":{"kind":"Name","value":"velocity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"speedMps"}},{"kind":"Field","name":{"kind":"Name","value":"courseDeg"}},{"kind":"Field","name":{"kind":"Name","value":"climbMps"}}]}},{"kind":"Field","name":{"kind":"Name","value":"label"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"originator"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assessments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quality"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"staleAt"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}}]}}]} as unknown as DocumentNode<TracksQuery, TracksQueryVariables>;
export const TrackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Track"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"track"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrackFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrackFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Track"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}},{"kind":"Field","name":{"kind":"Name","value":"sidc"}},{"kind":"Field","name":{"kind":"Name","value":"position"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lon"}},{"kind":"Field","name":{"kind":"Name","value":"altM"}}]}},{"kind":"Field","name":{"kind":"Name","value":"velocity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"speedMps"}},{"kind":"Field","name":{"kind":"Name","value":"courseDeg"}},{"kind":"Field","name":{"kind":"Name","value":"climbMps"}}]}},{"kind":"Field","name":{"kind":"Name","value":"label"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"originator"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assessments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quality"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"staleAt"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}}]}}]} as unknown as DocumentNode<TrackQuery, TrackQueryVariables>;
export const TrackUpdatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TrackUpdates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackUpdates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"reset"}},{"kind":"Field","name":{"kind":"Name","value":"upserts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrackFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removals"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrackFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Track"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}},{"kind":"Field","name":{"kind":"Name","value":"sidc"}},{"kind":"Field","name":{"kind":"Name","value":"position"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lon"}},{"kind":"Field","name":{"kind":"Name","value":"altM"}}]}},{"kind":"Field","name":{"kind":"Name","value":"velocity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"speedMps"}},{"kind":"Field","name":{"kind":"Name","value":"courseDeg"}},{"kind":"Field","name":{"kind":"Name","value":"climbMps"}}]}},{"kind":"Field","name":{"kind":"Name","value":"label"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"originator"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assessments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nation"}},{"kind":"Field","name":{"kind":"Name","value":"identity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quality"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"staleAt"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"releasableTo"}}]}}]}}]} as unknown as DocumentNode<TrackUpdatesSubscription, TrackUpdatesSubscriptionVariables>;