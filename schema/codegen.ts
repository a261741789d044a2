import type { CodegenConfig } from '@graphql-codegen/cli';

const scalars = { DateTime: 'string' };

/** The one codegen configuration; `codegen-fresh.spec.ts` regenerates in memory and compares. */
const config: CodegenConfig = {
  schema: 'graphql/schema.graphql',
  documents: 'graphql/operations/*.graphql',
  emitLegacyCommonJSImports: false,
  generates: {
    '../gateway/src/generated/resolvers.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars,
        contextType: '../graphql/context.ts#GraphQLContext',
        mappers: {
          Track: '@tessera/schema#ReleasedTrack',
          User: '@tessera/schema#User',
          AirspaceVolume: '@tessera/schema#AirspaceVolume',
          OperationalArea: '@tessera/schema#OperationalArea',
          Detection: '@tessera/schema#ReleasedDetection',
          AnomalyEvent: '@tessera/schema#ReleasedAnomalyEvent',
          Alert: '@tessera/schema#Alert',
          AuthorizationRequest: '@tessera/schema#AuthorizationRequest',
          AuditRecord: '@tessera/schema#AuditRecord',
          StandingAuthority: '@tessera/schema#StandingAuthority',
        },
        mapperTypeSuffix: 'Model',
      },
    },
    'src/generated/operations.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars },
    },
  },
};
export default config;
