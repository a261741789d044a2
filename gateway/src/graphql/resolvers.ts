import type { Resolvers } from '../generated/resolvers.ts';
import { aiResolvers } from './resolvers/ai.ts';
import { airspaceResolvers } from './resolvers/airspace.ts';
import { authorityResolvers } from './resolvers/authority.ts';
import { pictureResolvers } from './resolvers/picture.ts';
import { sessionResolvers } from './resolvers/sessions.ts';
import { spectrumResolvers } from './resolvers/spectrum.ts';
import { sharedStreamsOf } from './released-stream.ts';
import { DateTime } from './scalars.ts';

/**
 * Thin resolvers, one module per domain: check the caller, call the picture or the owning service,
 * release through access.ts (the one place that decides who sees what).
 */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    ...sessionResolvers.Query,
    ...pictureResolvers.Query,
    ...aiResolvers.Query,
    ...authorityResolvers.Query,
    ...airspaceResolvers.Query,
    ...spectrumResolvers.Query,
  },
  Mutation: {
    ...sessionResolvers.Mutation,
    ...aiResolvers.Mutation,
    ...authorityResolvers.Mutation,
    ...airspaceResolvers.Mutation,
    ...spectrumResolvers.Mutation,
  },
  Subscription: {
    ...pictureResolvers.Subscription,
    ...aiResolvers.Subscription,
    ...authorityResolvers.Subscription,
    ...airspaceResolvers.Subscription,
    ...spectrumResolvers.Subscription,
  },
  Track: pictureResolvers.Track,
  Alert: aiResolvers.Alert,
  AuditRecord: authorityResolvers.AuditRecord,
  AuthorizationRequest: authorityResolvers.AuthorizationRequest,
  AirspaceVolume: airspaceResolvers.AirspaceVolume,
};

/** Subscription fields served once per audience over the WebSocket (fanout/). */
export const sharedStreams = sharedStreamsOf(resolvers.Subscription as Record<string, unknown>);
