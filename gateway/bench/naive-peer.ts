// The naive peer of the live-path bench: the textbook graphql-yoga + graphql-ws recipe, with the
// same schema and operation as Tessera. Every NATS message becomes one subscription event for every
// client (a PubSub topic), and graphql-ws executes and serializes the selection set per client per
// event. No release, no coalescing, no sign-in: it does strictly less than Tessera's gateway.
// Run as its own process: `node naive-peer.ts <nats url> <port>`; prints "listening" when ready.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPubSub, createSchema, createYoga } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { connect } from '@nats-io/transport-node';
import { airTrackSidc, subjects, type Track, type TrackBatch } from '@tessera/schema';

const typeDefs = readFileSync(fileURLToPath(import.meta.resolve('@tessera/schema/graphql/schema.graphql')), 'utf8');
const pubSub = createPubSub<{ tracks: [batch: unknown] }>();
let seq = 0;

const yoga = createYoga({
  schema: createSchema({
    typeDefs,
    resolvers: {
      Subscription: {
        trackUpdates: { subscribe: () => pubSub.subscribe('tracks'), resolve: (batch: unknown) => batch },
      },
      Track: { sidc: (t: Track) => airTrackSidc(t.kind, t.identity) },
    },
  }),
  graphqlEndpoint: '/graphql',
  logging: false,
});

const [natsUrl, port] = process.argv.slice(2);
const nc = await connect({ servers: natsUrl });
const sub = nc.subscribe(subjects.allTrackBatches);
void (async () => {
  for await (const m of sub) {
    const batch = m.json<TrackBatch>();
    pubSub.publish('tracks', {
      seq: ++seq,
      reset: false,
      upserts: batch.upserts.map((t) => ({ ...t, redacted: [] })),
      removals: batch.removals.map((r) => r.id),
      sentAt: new Date().toISOString(),
    });
  }
})();

const server = createServer(yoga);
const wss = new WebSocketServer({ server, path: '/graphql' });
useServer(
  {
    execute: (args) => (args.rootValue as { execute: (a: unknown) => never }).execute(args),
    subscribe: (args) => (args.rootValue as { subscribe: (a: unknown) => never }).subscribe(args),
    onSubscribe: async (ctx, _id, params) => {
      const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        ...ctx,
        req: ctx.extra.request,
        socket: ctx.extra.socket,
        params,
      });
      const args = {
        schema,
        operationName: params.operationName,
        document: parse(params.query),
        variableValues: params.variables,
        contextValue: await contextFactory(),
        rootValue: { execute, subscribe },
      };
      const errors = validate(args.schema, args.document);
      return errors.length ? errors : args;
    },
  },
  wss,
);
server.listen(Number(port), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => {
  wss.close();
  server.close();
  void nc.close().then(() => process.exit(0));
});
