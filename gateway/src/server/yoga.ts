import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createSchema, createYoga, type YogaInitialContext, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { Logger } from '@tessera/service-kit';
import type { Caller, GraphQLContext } from '../graphql/context.ts';
import { subscriptionsOverWebSocketOnly } from '../graphql/errors.ts';
import { resolvers } from '../graphql/resolvers.ts';

const typeDefs = readFileSync(fileURLToPath(import.meta.resolve('@tessera/schema/graphql/schema.graphql')), 'utf8');

/** What the HTTP and WebSocket servers hand to Yoga: the caller when the socket already identified them, the request. */
export type ServerContext = { caller?: Caller; req?: IncomingMessage };
export type GatewayYoga = YogaServerInstance<ServerContext, GraphQLContext>;

/**
 * Yoga with the schema and resolvers, behind graphql-armor's limits. Outside dev mode there is no
 * GraphiQL, no introspection and no field suggestions. `context` builds each operation's context.
 */
export function createGatewayYoga(opts: {
  devMode: boolean;
  webOrigins: string[];
  logger: Logger;
  context: (initial: YogaInitialContext & ServerContext) => Promise<GraphQLContext>;
}): GatewayYoga {
  const { devMode, logger } = opts;
  const armor = new EnvelopArmor({
    // Introspection is off outside dev mode; there, its deep queries are not exempt from the depth limit either.
    // Depth counts fields, not the fragments that name them (the operations share fragments for labels and provenance).
    maxDepth: { n: 8, ignoreIntrospection: devMode, flattenFragments: true },
    maxAliases: { n: 10 },
    maxTokens: { n: 1500 },
    maxDirectives: { n: 10 },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: !devMode },
  });
  return createYoga<ServerContext, GraphQLContext>({
    schema: createSchema<GraphQLContext>({ typeDefs, resolvers: resolvers as never }),
    graphqlEndpoint: '/graphql',
    graphiql: devMode,
    landingPage: false,
    maskedErrors: true,
    cors: { origin: opts.webOrigins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'] },
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args }, 'yoga'),
    },
    plugins: [
      ...armor.protect().plugins,
      // The schema is public in the repository; a production endpoint still does not hand it out.
      ...(devMode
        ? []
        : [
            {
              onValidate: ({
                addValidationRule,
              }: {
                addValidationRule: (rule: typeof NoSchemaIntrospectionCustomRule) => void;
              }) => addValidationRule(NoSchemaIntrospectionCustomRule),
            },
          ]),
      // Subscriptions only over the WebSocket, which closes when the session's token expires or the
      // session is ended; an HTTP event stream (Yoga's default) would outlive both.
      {
        onSubscribe: ({
          args,
          setResultAndStopExecution,
        }: {
          args: { contextValue: unknown };
          setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
        }) => {
          if (!(args.contextValue as { socket?: unknown }).socket)
            setResultAndStopExecution({ errors: [subscriptionsOverWebSocketOnly()] });
        },
      },
      // Refusals of the request as a whole carry no code where they come from: variables that do not
      // fit their types (graphql-js, before any resolver runs) and graphql-armor's limits. Every
      // refusal says what kind it is: these are bad input, or a limit the request went past.
      {
        onResultProcess: ({ result, setResult }: { result: unknown; setResult: (r: unknown) => void }) => {
          const r = result as { errors?: readonly GraphQLError[] } | null;
          if (!r || typeof r !== 'object' || !Array.isArray(r.errors) || !r.errors.some(isUntypedRequestError)) return;
          setResult({ ...r, errors: r.errors.map((e) => (isUntypedRequestError(e) ? typed(e) : e)) });
        },
      },
    ],
    context: opts.context,
  });
}

/** An error about the request as a whole (no field path) that says nothing of what kind it is. */
const isUntypedRequestError = (e: GraphQLError) => !e.path && !e.extensions?.code;
const typed = (e: GraphQLError) =>
  new GraphQLError(e.message, {
    nodes: e.nodes,
    extensions: {
      ...e.extensions,
      code: /limit of \d+ exceeded/.test(e.message) ? 'LIMIT_EXCEEDED' : 'BAD_USER_INPUT',
    },
  });
