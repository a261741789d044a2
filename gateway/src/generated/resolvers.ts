import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ReleasedTrack as ReleasedTrackModel, User as UserModel, AirspaceVolume as AirspaceVolumeModel, OperationalArea as OperationalAreaModel } from '@tessera/schema';
import type { GraphQLContext } from '../graphql/context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant as an ISO 8601 / RFC 3339 string with offset, e.g. 2026-11-26T06:42:10.000Z. */
  DateTime: { input: string; output: string; }
};

/** A 4D airspace volume: footprint (outline or circle), altitude band and validity. */
export type AirspaceVolume = {
  __typename?: 'AirspaceVolume';
  /** Upper altitude, metres WGS84. */
  ceilingM: Scalars['Float']['output'];
  /** Circle, when the footprint is a circle. */
  circle?: Maybe<Circle>;
  /** Lower altitude, metres WGS84. */
  floorM: Scalars['Float']['output'];
  /** Volume id, unique per nation. */
  id: Scalars['ID']['output'];
  /** What the volume is for. */
  kind: VolumeKind;
  /** Who may see this volume. */
  label: Label;
  /** Name shown on the globe. */
  name: Scalars['String']['output'];
  /** Owning nation. */
  nation: Scalars['String']['output'];
  /** Outline polygon, when the footprint is a polygon. */
  outline?: Maybe<Array<GeoPoint>>;
  /** Start of validity; null means always. */
  validFrom?: Maybe<Scalars['DateTime']['output']>;
  /** End of validity; null means open-ended. */
  validTo?: Maybe<Scalars['DateTime']['output']>;
  /** Changes with every edit. */
  version: Scalars['Int']['output'];
  /** Weapons control status (sectors only). */
  wcs?: Maybe<WeaponsControlStatus>;
};

/** A circle on the ground. */
export type Circle = {
  __typename?: 'Circle';
  /** Centre. */
  center: GeoPoint;
  /** Radius in metres. */
  radiusM: Scalars['Float']['output'];
};

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

/** A point on the ground. */
export type GeoPoint = {
  __typename?: 'GeoPoint';
  /** Latitude, degrees north. */
  lat: Scalars['Float']['output'];
  /** Longitude, degrees east. */
  lon: Scalars['Float']['output'];
};

/** One nation's standard-identity assessment of a track. */
export type IdentityAssessment = {
  __typename?: 'IdentityAssessment';
  /** Its assessment. */
  identity: StandardIdentity;
  /** Assessing nation. */
  nation: Scalars['String']['output'];
};

/** Confidentiality label (STANAG 4774): who may see the object it is attached to. */
export type Label = {
  __typename?: 'Label';
  /** Classification of the object. */
  classification: Classification;
  /** Nation that produced the object. */
  originator: Scalars['String']['output'];
  /** Marking scheme: NATO or a nation code. */
  policy: Scalars['String']['output'];
  /** Nations besides the originator that may see it; empty means originator only. */
  releasableTo: Array<Scalars['String']['output']>;
};

/** A successful login. */
export type LoginResult = {
  __typename?: 'LoginResult';
  /** When the token stops being accepted. */
  expiresAt: Scalars['DateTime']['output'];
  /** Bearer token for HTTP (Authorization header) and WebSocket (connectionParams.authorization). */
  token: Scalars['String']['output'];
  /** The logged-in user. */
  user: User;
};

/** Changes. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Exchange a username and password for a token. The only operation that needs no token. */
  login: LoginResult;
  /** A fresh token for the signed-in user (call before the current one expires). */
  refreshToken: LoginResult;
};


/** Changes. */
export type MutationLoginArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};

/** Where the scenario takes place; the COP opens on it. */
export type OperationalArea = {
  __typename?: 'OperationalArea';
  /** Centre of the area of operations. */
  center: GeoPoint;
  /** Radius of the area of operations, km. */
  radiusKm: Scalars['Float']['output'];
  /** Scenario name. */
  scenario: Scalars['String']['output'];
};

/** What a user of a partner nation would receive of a track: never more than you may see yourself. */
export type PartnerView = {
  __typename?: 'PartnerView';
  /** The track as they would receive it, limited to what you may see; null when not visible. */
  track?: Maybe<Track>;
  /** Whether that user would receive the track at all. */
  visible: Scalars['Boolean']['output'];
};

/** A WGS84 position. */
export type Position = {
  __typename?: 'Position';
  /** Altitude in metres above the WGS84 ellipsoid. */
  altM: Scalars['Float']['output'];
  /** Latitude, degrees north. */
  lat: Scalars['Float']['output'];
  /** Longitude, degrees east. */
  lon: Scalars['Float']['output'];
};

/** Where an object came from. */
export type Provenance = {
  __typename?: 'Provenance';
  /** Nation of the producing system. */
  nation: Scalars['String']['output'];
  /** When the source observed it. */
  observedAt: Scalars['DateTime']['output'];
  /** When it was published to Tessera. */
  publishedAt: Scalars['DateTime']['output'];
  /** Source within that system, e.g. the sensor that observed it; null when withheld from you (see Track.redacted). */
  sourceId?: Maybe<Scalars['String']['output']>;
  /** Producing system, e.g. a fusion centre; null when withheld from you (see Track.redacted). */
  system?: Maybe<Scalars['String']['output']>;
};

/** Read access to the picture. Every field needs a valid token. */
export type Query = {
  __typename?: 'Query';
  /** Sectors, defended assets and airspace reservations releasable to the caller. */
  airspace: Array<AirspaceVolume>;
  /** The user the token belongs to. */
  me: User;
  /** The area of operations, or null before the scenario has published it. */
  operationalArea?: Maybe<OperationalArea>;
  /** One track, or null when it does not exist or is not releasable to the caller. */
  track?: Maybe<Track>;
  /** Preview of a track as a user of another nation and clearance would receive it (commanders and liaisons); null when you may not see the track. */
  trackAsSeenBy?: Maybe<PartnerView>;
  /** Every track releasable to the caller. */
  tracks: Array<Track>;
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryTrackArgs = {
  id: Scalars['ID']['input'];
};


/** Read access to the picture. Every field needs a valid token. */
export type QueryTrackAsSeenByArgs = {
  clearance: Classification;
  id: Scalars['ID']['input'];
  nation: Scalars['String']['input'];
};

/** A field withheld from you by a field-level label, and what would release it. */
export type RedactedField = {
  __typename?: 'RedactedField';
  /** Classification of the field. */
  classification: Classification;
  /** Dot path of the withheld field, e.g. provenance.sourceId. */
  path: Scalars['String']['output'];
  /** Nations that may see the field (its originator first). */
  releasableTo: Array<Scalars['String']['output']>;
};

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

/** Live streams, over graphql-transport-ws on the same path. */
export type Subscription = {
  __typename?: 'Subscription';
  /** The track picture releasable to the caller: first the whole picture (reset), then coalesced changes. */
  trackUpdates: TrackBatch;
};

/** The fused picture of one object in the air. */
export type Track = {
  __typename?: 'Track';
  /** Each nation's identity assessment; they may disagree. */
  assessments: Array<IdentityAssessment>;
  /** Stable track id. */
  id: Scalars['ID']['output'];
  /** The originator's standard identity. */
  identity: StandardIdentity;
  /** What kind of object it is. */
  kind: TrackKind;
  /** Who may see this track. */
  label: Label;
  /** Last reported position. */
  position: Position;
  /** Where the track came from. */
  provenance: Provenance;
  /** Track quality, 0 (coasting guess) to 1 (firm). */
  quality: Scalars['Float']['output'];
  /** Fields withheld from you by field-level labels; empty when you see everything. */
  redacted: Array<RedactedField>;
  /** APP-6 / MIL-STD-2525C symbol code derived from kind and identity. */
  sidc: Scalars['String']['output'];
  /** When the track becomes stale if no update arrives. */
  staleAt: Scalars['DateTime']['output'];
  /** When the track was last updated. */
  updatedAt: Scalars['DateTime']['output'];
  /** Last reported velocity. */
  velocity: Velocity;
};

/** A change to the track picture of one subscriber. */
export type TrackBatch = {
  __typename?: 'TrackBatch';
  /** Ids of tracks that left the picture (or are no longer releasable to you). */
  removals: Array<Scalars['ID']['output']>;
  /** True when this batch is the whole picture: replace what you have with its upserts. */
  reset: Scalars['Boolean']['output'];
  /** When the gateway sent the batch. */
  sentAt: Scalars['DateTime']['output'];
  /** Increases by one per batch of this subscription, starting at 1; a gap means lost batches. */
  seq: Scalars['Int']['output'];
  /** Tracks created or changed since the previous batch, latest state only. */
  upserts: Array<Track>;
};

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

/** A Tessera user. */
export type User = {
  __typename?: 'User';
  /** Highest classification the user is cleared for. */
  clearance: Classification;
  /** Name shown to other users. */
  displayName: Scalars['String']['output'];
  /** Nation (ISO 3166-1 alpha-3); null only for ADMIN. */
  nation?: Maybe<Scalars['String']['output']>;
  /** Roles held. */
  roles: Array<Role>;
  /** Login name, e.g. pol-watch. */
  username: Scalars['String']['output'];
};

/** Velocity over ground. */
export type Velocity = {
  __typename?: 'Velocity';
  /** Vertical speed, metres per second (negative when descending). */
  climbMps: Scalars['Float']['output'];
  /** Course over ground, degrees clockwise from true north, 0 <= course < 360. */
  courseDeg: Scalars['Float']['output'];
  /** Ground speed, metres per second. */
  speedMps: Scalars['Float']['output'];
};

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



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AirspaceVolume: ResolverTypeWrapper<AirspaceVolumeModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Circle: ResolverTypeWrapper<Circle>;
  Classification: Classification;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IdentityAssessment: ResolverTypeWrapper<IdentityAssessment>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Label: ResolverTypeWrapper<Label>;
  LoginResult: ResolverTypeWrapper<Omit<LoginResult, 'user'> & { user: ResolversTypes['User'] }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OperationalArea: ResolverTypeWrapper<OperationalAreaModel>;
  PartnerView: ResolverTypeWrapper<Omit<PartnerView, 'track'> & { track?: Maybe<ResolversTypes['Track']> }>;
  Position: ResolverTypeWrapper<Position>;
  Provenance: ResolverTypeWrapper<Provenance>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RedactedField: ResolverTypeWrapper<RedactedField>;
  Role: Role;
  StandardIdentity: StandardIdentity;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Track: ResolverTypeWrapper<ReleasedTrackModel>;
  TrackBatch: ResolverTypeWrapper<Omit<TrackBatch, 'upserts'> & { upserts: Array<ResolversTypes['Track']> }>;
  TrackKind: TrackKind;
  User: ResolverTypeWrapper<UserModel>;
  Velocity: ResolverTypeWrapper<Velocity>;
  VolumeKind: VolumeKind;
  WeaponsControlStatus: WeaponsControlStatus;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AirspaceVolume: AirspaceVolumeModel;
  Boolean: Scalars['Boolean']['output'];
  Circle: Circle;
  DateTime: Scalars['DateTime']['output'];
  Float: Scalars['Float']['output'];
  GeoPoint: GeoPoint;
  ID: Scalars['ID']['output'];
  IdentityAssessment: IdentityAssessment;
  Int: Scalars['Int']['output'];
  Label: Label;
  LoginResult: Omit<LoginResult, 'user'> & { user: ResolversParentTypes['User'] };
  Mutation: Record<PropertyKey, never>;
  OperationalArea: OperationalAreaModel;
  PartnerView: Omit<PartnerView, 'track'> & { track?: Maybe<ResolversParentTypes['Track']> };
  Position: Position;
  Provenance: Provenance;
  Query: Record<PropertyKey, never>;
  RedactedField: RedactedField;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Track: ReleasedTrackModel;
  TrackBatch: Omit<TrackBatch, 'upserts'> & { upserts: Array<ResolversParentTypes['Track']> };
  User: UserModel;
  Velocity: Velocity;
};

export type AirspaceVolumeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AirspaceVolume'] = ResolversParentTypes['AirspaceVolume']> = {
  ceilingM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  circle?: Resolver<Maybe<ResolversTypes['Circle']>, ParentType, ContextType>;
  floorM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['VolumeKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outline?: Resolver<Maybe<Array<ResolversTypes['GeoPoint']>>, ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validTo?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  wcs?: Resolver<Maybe<ResolversTypes['WeaponsControlStatus']>, ParentType, ContextType>;
};

export type CircleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Circle'] = ResolversParentTypes['Circle']> = {
  center?: Resolver<ResolversTypes['GeoPoint'], ParentType, ContextType>;
  radiusM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GeoPointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GeoPoint'] = ResolversParentTypes['GeoPoint']> = {
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lon?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type IdentityAssessmentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IdentityAssessment'] = ResolversParentTypes['IdentityAssessment']> = {
  identity?: Resolver<ResolversTypes['StandardIdentity'], ParentType, ContextType>;
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LabelResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Label'] = ResolversParentTypes['Label']> = {
  classification?: Resolver<ResolversTypes['Classification'], ParentType, ContextType>;
  originator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  policy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releasableTo?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type LoginResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LoginResult'] = ResolversParentTypes['LoginResult']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  login?: Resolver<ResolversTypes['LoginResult'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'password' | 'username'>>;
  refreshToken?: Resolver<ResolversTypes['LoginResult'], ParentType, ContextType>;
};

export type OperationalAreaResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OperationalArea'] = ResolversParentTypes['OperationalArea']> = {
  center?: Resolver<ResolversTypes['GeoPoint'], ParentType, ContextType>;
  radiusKm?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  scenario?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PartnerViewResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PartnerView'] = ResolversParentTypes['PartnerView']> = {
  track?: Resolver<Maybe<ResolversTypes['Track']>, ParentType, ContextType>;
  visible?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PositionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Position'] = ResolversParentTypes['Position']> = {
  altM?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lon?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ProvenanceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = {
  nation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  observedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sourceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  system?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  airspace?: Resolver<Array<ResolversTypes['AirspaceVolume']>, ParentType, ContextType>;
  me?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  operationalArea?: Resolver<Maybe<ResolversTypes['OperationalArea']>, ParentType, ContextType>;
  track?: Resolver<Maybe<ResolversTypes['Track']>, ParentType, ContextType, RequireFields<QueryTrackArgs, 'id'>>;
  trackAsSeenBy?: Resolver<Maybe<ResolversTypes['PartnerView']>, ParentType, ContextType, RequireFields<QueryTrackAsSeenByArgs, 'clearance' | 'id' | 'nation'>>;
  tracks?: Resolver<Array<ResolversTypes['Track']>, ParentType, ContextType>;
};

export type RedactedFieldResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RedactedField'] = ResolversParentTypes['RedactedField']> = {
  classification?: Resolver<ResolversTypes['Classification'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releasableTo?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  trackUpdates?: SubscriptionResolver<ResolversTypes['TrackBatch'], "trackUpdates", ParentType, ContextType>;
};

export type TrackResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Track'] = ResolversParentTypes['Track']> = {
  assessments?: Resolver<Array<ResolversTypes['IdentityAssessment']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identity?: Resolver<ResolversTypes['StandardIdentity'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TrackKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Position'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  quality?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  redacted?: Resolver<Array<ResolversTypes['RedactedField']>, ParentType, ContextType>;
  sidc?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  staleAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  velocity?: Resolver<ResolversTypes['Velocity'], ParentType, ContextType>;
};

export type TrackBatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TrackBatch'] = ResolversParentTypes['TrackBatch']> = {
  removals?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  reset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upserts?: Resolver<Array<ResolversTypes['Track']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  clearance?: Resolver<ResolversTypes['Classification'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['Role']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type VelocityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Velocity'] = ResolversParentTypes['Velocity']> = {
  climbMps?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  courseDeg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  speedMps?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  AirspaceVolume?: AirspaceVolumeResolvers<ContextType>;
  Circle?: CircleResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GeoPoint?: GeoPointResolvers<ContextType>;
  IdentityAssessment?: IdentityAssessmentResolvers<ContextType>;
  Label?: LabelResolvers<ContextType>;
  LoginResult?: LoginResultResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OperationalArea?: OperationalAreaResolvers<ContextType>;
  PartnerView?: PartnerViewResolvers<ContextType>;
  Position?: PositionResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RedactedField?: RedactedFieldResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Track?: TrackResolvers<ContextType>;
  TrackBatch?: TrackBatchResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Velocity?: VelocityResolvers<ContextType>;
};

