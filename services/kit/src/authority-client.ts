import type { NatsConnection } from '@nats-io/transport-node';
import { AuthorityReply, StandingReply, subjects, type AgentCommand, type GatewayCommand } from '@tessera/schema';
import type { z } from 'zod';
import type { Rejector } from './dead-letter.ts';
import type { Logger } from './logger.ts';
import { requestParsed } from './request.ts';

/**
 * Commands to the authority service, its reply validated. Null is "no answer": none in time (the
 * command may or may not have been applied; asking again with the same command id applies it at
 * most once) or a malformed one (rejected: counted, logged, dead-lettered).
 */
export interface AuthorityClient {
  /** A person's command, as the gateway sends it (decisions, new requests, WCS and autonomy changes). */
  command(cmd: GatewayCommand): Promise<AuthorityReply | null>;
  /** SET_STANDING or REVOKE_STANDING: answered with the standing authority. */
  standing(cmd: GatewayCommand): Promise<StandingReply | null>;
  /** A command of `nation`'s interceptor agents, on that nation's agent subject (the authority takes the nation from it). */
  agent(nation: string, cmd: AgentCommand): Promise<AuthorityReply | null>;
}

export interface AuthorityClientDeps {
  nc: NatsConnection;
  /** The connection `nation`'s agents ask over (its NATS user may publish on that nation's subject only); default `nc`. */
  agentConnection?: (nation: string) => Promise<NatsConnection>;
  rejector: Rejector;
  logger: Logger;
  /** How long to wait for an answer; default 5 s. */
  timeoutMs?: number;
}

export function createAuthorityClient(deps: AuthorityClientDeps): AuthorityClient {
  const ask = <T>(
    nc: NatsConnection | Promise<NatsConnection>,
    subject: string,
    cmd: GatewayCommand | AgentCommand,
    reply: z.ZodType<T>,
    nation?: string,
  ) =>
    requestParsed({
      nc,
      subject,
      body: cmd,
      reply,
      timeoutMs: deps.timeoutMs ?? 5000,
      rejector: deps.rejector,
      logger: deps.logger,
      what: cmd.type,
      context: { command: cmd.type, commandId: cmd.commandId, ...(nation ? { nation } : {}) },
    });
  return {
    command: (cmd) => ask(deps.nc, subjects.authorityFromGateway, cmd, AuthorityReply),
    standing: (cmd) => ask(deps.nc, subjects.authorityFromGateway, cmd, StandingReply),
    // A connection that cannot be made is no answer either (logged by requestParsed).
    agent: (nation, cmd) =>
      ask(deps.agentConnection?.(nation) ?? deps.nc, subjects.authorityFromAgents(nation), cmd, AuthorityReply, nation),
  };
}
