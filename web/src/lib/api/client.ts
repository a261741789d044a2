import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A reservation at a version, as a STALE_VERSION refusal reports the current ones (id and version withheld when not releasable). */
export interface VersionRef {
  nation: string;
  id: string | null;
  version: number | null;
  withheld: boolean;
}

/**
 * A refusal from the gateway, with its typed code (UNAUTHENTICATED, BAD_CREDENTIALS, REFUSED, ...);
 * a REFUSED names the rule, and a STALE_VERSION also the current versions.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly rule: string | null = null,
    readonly current: readonly VersionRef[] = [],
  ) {
    super(message);
  }
}

export type LinkStatus =
  | { state: 'connecting' }
  | { state: 'live'; since: number }
  | { state: 'reconnecting'; since: number; attempt: number }
  | { state: 'closed'; code: number; reason: string };

/** Where the gateway is: as the web server's /config.json says, by default port 4000 of the page's host. */
export async function gatewayUrl(): Promise<string> {
  let port = 4000;
  try {
    const res = await fetch('/config.json');
    const config = (await res.json()) as { gatewayUrl: string | null; gatewayPort: number };
    if (config.gatewayUrl) return config.gatewayUrl;
    port = config.gatewayPort;
  } catch {
    // fall through to the default
  }
  return `${location.protocol}//${location.hostname}:${port}/graphql`;
}

/** The API as the signed-in user: every call carries the session's current token. */
export interface SignedInApi {
  request<T, V>(doc: TypedDocumentNode<T, V>, variables: V): Promise<T>;
  subscribe<T>(
    doc: TypedDocumentNode<T, Record<string, never>>,
    handlers: { next(data: T): void; status?(s: LinkStatus): void },
  ): () => void;
}

/** The one GraphQL client of the web app: queries and mutations over HTTP, subscriptions over graphql-ws. */
export class Api {
  #url: string;
  constructor(url: string) {
    this.#url = url;
  }

  /**
   * This client as the user whose token `token` reads (at every call: refreshed tokens are used).
   * Every subscription of the signed-in user shares one WebSocket.
   */
  signedIn(token: () => string | null): SignedInApi {
    const socket = new SharedSocket(this.#url.replace(/^http/, 'ws'), token);
    return {
      request: (doc, variables) => {
        const current = token();
        return current
          ? this.request(doc, variables, current)
          : Promise.reject(new ApiError('Not signed in.', 'UNAUTHENTICATED'));
      },
      subscribe: (doc, handlers) => socket.subscribe(doc, handlers),
    };
  }

  async request<T, V>(doc: TypedDocumentNode<T, V>, variables: V, token?: string): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: print(doc), variables }),
      });
    } catch {
      throw new ApiError('The gateway cannot be reached. Check the connection and try again.', 'NETWORK');
    }
    type Extensions = { code?: string; rule?: string; current?: VersionRef[] };
    const body = (await res.json().catch(() => ({}))) as {
      data?: T;
      errors?: { message: string; extensions?: Extensions }[];
    };
    const error = body.errors?.[0];
    if (error)
      throw new ApiError(
        error.message,
        error.extensions?.code ?? 'ERROR',
        error.extensions?.rule ?? null,
        error.extensions?.current ?? [],
      );
    if (!body.data) throw new ApiError(`Unexpected answer from the gateway (HTTP ${res.status}).`, 'ERROR');
    return body.data;
  }
}

/**
 * One graphql-ws socket carrying every subscription of a signed-in user, opened with the first and
 * closed with the last. It survives gateway restarts: the socket reconnects forever (backing off to
 * 5 s) and re-subscribes each subscription, and the gateway starts every subscription with a full
 * snapshot. graphql-ws gives up after a 4401 close (token expired): the socket is then made again
 * with the current, refreshed token and every subscription re-made on it. 4403 (token refused) ends
 * it. Every subscriber hears the socket's status, the current one at once.
 */
class SharedSocket {
  #client: Client | null = null;
  #subscriptions = new Map<number, Subscriber>();
  #nextId = 0;
  #status: LinkStatus = { state: 'connecting' };
  #attempt = 0;
  #since = Date.now();
  #remake: ReturnType<typeof setTimeout> | undefined;
  /** Which socket is current: events of one replaced or closed since are old news. */
  #generation = 0;

  constructor(
    readonly url: string,
    readonly token: () => string | null,
  ) {}

  #emit(s: LinkStatus) {
    this.#status = s;
    for (const sub of this.#subscriptions.values()) sub.status?.(s);
  }

  #connect() {
    const gen = ++this.#generation;
    const current = () => gen === this.#generation;
    const client: Client = createClient({
      url: this.url,
      // Read at every (re)connection: after a refresh the socket reconnects with the new token.
      connectionParams: () => ({ authorization: `Bearer ${this.token() ?? ''}` }),
      lazy: false,
      retryAttempts: Number.MAX_SAFE_INTEGER,
      shouldRetry: (event) => (event as { code?: number }).code !== 4403,
      retryWait: (n) => new Promise((r) => setTimeout(r, backoffMs(n))),
      onNonLazyError: () => undefined,
      on: {
        connecting: () => {
          if (!current()) return;
          this.#emit(
            this.#attempt === 0
              ? { state: 'connecting' }
              : { state: 'reconnecting', since: this.#since, attempt: this.#attempt },
          );
        },
        connected: () => {
          if (!current()) return;
          this.#attempt = 0;
          this.#since = Date.now();
          this.#emit({ state: 'live', since: this.#since });
        },
        closed: (event) => {
          if (!current()) return;
          const { code = 1000, reason = '' } = event as { code?: number; reason?: string };
          if (code === 4403) {
            this.#drop();
            return this.#emit({ state: 'closed', code, reason });
          }
          if (this.#attempt === 0) this.#since = Date.now();
          this.#attempt++;
          this.#emit({ state: 'reconnecting', since: this.#since, attempt: this.#attempt });
          if (code === 4401) {
            // graphql-ws does not retry an expired token: make the socket again with the refreshed one.
            this.#drop();
            this.#remake = setTimeout(() => {
              this.#remake = undefined;
              if (this.#client === null && this.#subscriptions.size > 0) this.#connect();
            }, backoffMs(this.#attempt));
          }
        },
      },
    });
    this.#client = client;
    for (const sub of this.#subscriptions.values()) this.#start(client, sub);
  }

  /** Forget the current socket (its late events are ignored) and close it. */
  #drop() {
    const client = this.#client;
    this.#client = null;
    this.#generation++;
    // Closing is best effort: a socket graphql-ws already gave up on rejects its dispose.
    if (client) void Promise.resolve(client.dispose()).catch(() => undefined);
  }

  #start(client: Client, sub: Subscriber) {
    sub.stop = client.subscribe<unknown>(
      { query: sub.query },
      { next: (result) => result.data && sub.next(result.data), error: () => undefined, complete: () => undefined },
    );
  }

  subscribe<T>(
    doc: TypedDocumentNode<T, Record<string, never>>,
    handlers: { next(data: T): void; status?(s: LinkStatus): void },
  ): () => void {
    const id = this.#nextId++;
    const sub: Subscriber = {
      query: print(doc),
      next: (data) => handlers.next(data as T),
      status: handlers.status?.bind(handlers),
    };
    this.#subscriptions.set(id, sub);
    sub.status?.(this.#status);
    if (this.#client) this.#start(this.#client, sub);
    // Else a socket is being made again (after 4401): it starts this one with the others.
    else if (this.#remake === undefined) this.#connect();
    return () => {
      if (!this.#subscriptions.delete(id)) return;
      sub.stop?.();
      if (this.#subscriptions.size > 0) return;
      clearTimeout(this.#remake);
      this.#remake = undefined;
      this.#drop();
      this.#attempt = 0;
      this.#status = { state: 'connecting' };
    };
  }
}

interface Subscriber {
  query: string;
  next(data: unknown): void;
  status?: ((s: LinkStatus) => void) | undefined;
  stop?: () => void;
}

/**
 * Wait before reconnecting: 250 ms doubling to at most 2 s, less a random quarter so a room of
 * screens does not reconnect in step. The cap is what bounds recovery: the page is back within about
 * 2 s of the gateway (the chaos run requires 5 s); a gateway restarting takes 1-3 s.
 */
export const backoffMs = (attempt: number, random: () => number = Math.random) =>
  Math.min(2000, 250 * 2 ** attempt) * (1 - 0.25 * random());
