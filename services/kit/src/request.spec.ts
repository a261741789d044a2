import type { NatsConnection } from '@nats-io/transport-node';
import { subjects, type AgentCommand, type AuthorityReply, type GatewayCommand } from '@tessera/schema';
import { describe, expect, it, vi } from 'vitest';
import { createAuthorityClient } from './authority-client.ts';
import { recordingRejector } from './fixtures.ts';
import { createLogger } from './logger.ts';
import { answered, NoAnswerError } from './request.ts';

const logger = createLogger('request-spec', 'silent');

/** A connection whose request() answers with `answer(subject, body)`: bytes, or a thrown error (a timeout). */
function fakeConnection(answer: (subject: string, body: unknown) => unknown) {
  const asked: { subject: string; body: unknown; timeout: number }[] = [];
  const nc = {
    request: async (subject: string, body: string, opts: { timeout: number }) => {
      asked.push({ subject, body: JSON.parse(body), timeout: opts.timeout });
      const reply = answer(subject, JSON.parse(body));
      return { data: new TextEncoder().encode(typeof reply === 'string' ? reply : JSON.stringify(reply)) };
    },
  } as unknown as NatsConnection;
  return { nc, asked };
}

const refusal: AuthorityReply = { ok: false, rule: 'WEAPONS_HOLD', message: 'POL SOUTH is on HOLD' };
const launch: AgentCommand = { type: 'LAUNCH', commandId: 'launch-pol-eng-POL-x-1', requestId: 'pol-eng-POL-x-1' };
const revoke = {
  type: 'REVOKE_STANDING',
  commandId: 'c-1',
  nation: 'POL',
  standingId: 's-1',
  by: { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER'] },
} as GatewayCommand;

describe('authority client', () => {
  it("sends a person's command on the gateway subject and an agent's on its nation's subject, with the timeout", async () => {
    const { nc, asked } = fakeConnection(() => refusal);
    const client = createAuthorityClient({ nc, ...recordingRejector(), logger, timeoutMs: 1234 });
    expect(await client.agent('POL', launch)).toEqual(refusal);
    expect(await client.command(revoke)).toEqual(refusal);
    expect(asked).toEqual([
      { subject: subjects.authorityFromAgents('POL'), body: launch, timeout: 1234 },
      { subject: subjects.authorityFromGateway, body: revoke, timeout: 1234 },
    ]);
  });

  it("asks over the nation's own connection when it has one", async () => {
    const own = fakeConnection(() => refusal);
    const shared = fakeConnection(() => refusal);
    const connectionFor = vi.fn(async () => own.nc);
    const client = createAuthorityClient({
      nc: shared.nc,
      agentConnection: connectionFor,
      ...recordingRejector(),
      logger,
    });
    await client.agent('UKR', launch);
    expect(connectionFor).toHaveBeenCalledWith('UKR');
    expect(own.asked.map((a) => a.subject)).toEqual([subjects.authorityFromAgents('UKR')]);
    expect(shared.asked).toEqual([]);
  });

  it('validates the reply against its contract: a standing command is answered with a standing authority', async () => {
    const { nc } = fakeConnection(() => ({ ok: true, standing: { id: 's-1' } }));
    const { rejector, rejected } = recordingRejector();
    const client = createAuthorityClient({ nc, rejector, logger });
    // Not a StandingAuthority: rejected under the subject it was asked on, with what was asked.
    expect(await client.standing(revoke)).toBeNull();
    expect(rejected).toEqual([
      {
        subject: subjects.authorityFromGateway,
        reason: expect.stringMatching(/^reply to REVOKE_STANDING: standing\./),
      },
    ]);
  });

  it('no answer in time, or no connection, is null; nothing is rejected', async () => {
    const { nc } = fakeConnection(() => {
      throw Object.assign(new Error('TIMEOUT'), { name: 'TimeoutError' });
    });
    const { rejector, rejected } = recordingRejector();
    const client = createAuthorityClient({
      nc,
      agentConnection: async () => Promise.reject(new Error('no credentials')),
      rejector,
      logger,
    });
    expect(await client.command(revoke)).toBeNull();
    expect(await client.agent('POL', launch)).toBeNull();
    expect(rejected).toEqual([]);
  });

  it('a reply that is not JSON is rejected and null', async () => {
    const { nc } = fakeConnection(() => '{"ok":');
    const { rejector, rejected } = recordingRejector();
    expect(await createAuthorityClient({ nc, rejector, logger }).agent('POL', launch)).toBeNull();
    expect(rejected).toEqual([
      { subject: subjects.authorityFromAgents('POL'), reason: expect.stringMatching(/^reply to LAUNCH: not JSON: /) },
    ]);
  });
});

describe('answered', () => {
  it('passes an answer through and turns "no answer" into a NoAnswerError', () => {
    expect(answered(refusal, 'the authority')).toBe(refusal);
    expect(() => answered(null, 'the authority')).toThrow(new NoAnswerError('the authority gave no usable answer'));
    expect(() => answered(null, 'the detector')).toThrow(expect.objectContaining({ name: 'NoAnswerError' }));
  });
});
