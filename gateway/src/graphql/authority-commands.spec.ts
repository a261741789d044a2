import { describe, expect, it } from 'vitest';
import { GatewayCommand, type User } from '@tessera/schema';
import { sector as sectorOf, T0 } from '@tessera/service-kit/fixtures';
import { standingInput } from '../../test/fixtures.ts';
import {
  autonomyChangeCommand,
  decideCommand,
  requireReason,
  revokeStandingCommand,
  setStandingCommand,
  wcsChangeCommand,
} from './authority-commands.ts';

const cmdr: User & { nation: string } = {
  username: 'pol-cmdr',
  displayName: 'POL commander',
  nation: 'POL',
  roles: ['COMMANDER'],
  clearance: 'SECRET',
};
const decider = { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER'] };
const sector = sectorOf('pol-south-sector-with-a-rather-long-name', 'POL', [
  [49.5, 21.5],
  [50.5, 21.5],
  [50.5, 23],
]);
const standing = standingInput(T0);

describe('commands a commander gives the authority', () => {
  it('need a reason of 1-500 characters that is not blank, trimmed', () => {
    expect(requireReason('  hostile drone  ')).toBe('hostile drone');
    expect(() => requireReason('   ')).toThrow(/Give a reason/);
    expect(() => requireReason('x'.repeat(501))).toThrow(/Give a reason/);
    expect(requireReason('x'.repeat(500))).toHaveLength(500);
  });

  it('name the person as authenticated, with a fresh command id each time, and satisfy the contract', () => {
    const a = decideCommand(cmdr, 'eng-1', 'APPROVE', 'hostile');
    const b = decideCommand(cmdr, 'eng-1', 'APPROVE', 'hostile');
    expect(a).toMatchObject({
      type: 'DECIDE',
      requestId: 'eng-1',
      decision: 'APPROVE',
      reason: 'hostile',
      by: decider,
    });
    expect(a.commandId).not.toBe(b.commandId);
    expect(revokeStandingCommand(cmdr, 'sa-south')).toMatchObject({
      type: 'REVOKE_STANDING',
      nation: 'POL',
      standingId: 'sa-south',
      by: decider,
    });
    for (const command of [
      a,
      revokeStandingCommand(cmdr, 'sa-south'),
      setStandingCommand(cmdr, standing),
      wcsChangeCommand(cmdr, sector, { from: 'TIGHT', to: 'FREE' }),
      autonomyChangeCommand(cmdr, { effectorClass: 'SAM', from: 'IN_THE_LOOP', to: 'ON_THE_LOOP' }),
    ]) {
      expect(GatewayCommand.safeParse(command).success, command.type).toBe(true);
    }
  });

  it("open an autonomy change as national SECRET business of the commander's nation", () => {
    const { request } = autonomyChangeCommand(cmdr, { effectorClass: 'SAM', from: 'IN_THE_LOOP', to: 'ON_THE_LOOP' });
    expect(request).toMatchObject({
      kind: 'AUTONOMY_CHANGE',
      nation: 'POL',
      label: { policy: 'POL', classification: 'SECRET', originator: 'POL', releasableTo: [] },
      wcsChange: null,
      requestedBy: decider,
    });
    expect(request.id).toMatch(/^autonomy-POL-SAM-[0-9a-f-]{36}$/);
    expect(() => autonomyChangeCommand(cmdr, { effectorClass: 'SAM', from: 'ON_THE_LOOP', to: 'ON_THE_LOOP' })).toThrow(
      'SAM is already ON_THE_LOOP.',
    );
  });

  it('open a WCS change labelled like its sector, with a readable id of at most 64 characters', () => {
    const { request } = wcsChangeCommand(cmdr, sector, { from: 'TIGHT', to: 'FREE' });
    expect(request).toMatchObject({
      kind: 'WCS_CHANGE',
      nation: 'POL',
      label: sector.label,
      wcsChange: { sectorId: sector.id, sectorNation: 'POL', from: 'TIGHT', to: 'FREE' },
      autonomyChange: null,
    });
    expect(request.id.startsWith(`wcs-${sector.id}`.slice(0, 27))).toBe(true);
    expect(request.id.length).toBeLessThanOrEqual(64);
    expect(() => wcsChangeCommand(cmdr, sector, { from: 'FREE', to: 'FREE' })).toThrow(
      `Sector ${sector.id} is already FREE.`,
    );
  });

  it("grant standing authority for the commander's nation only within bounds, never over protected identities", () => {
    expect(setStandingCommand(cmdr, standing).authority).toMatchObject({
      id: 'sa-south',
      nation: 'POL',
      zone: { center: { lat: 50.1, lon: 22.1 }, radiusM: 20_000 },
    });
    expect(() => setStandingCommand(cmdr, { ...standing, minConfidence: 1.1 })).toThrow(/minConfidence/);
    expect(() => setStandingCommand(cmdr, { ...standing, zone: { ...standing.zone, radiusM: 0 } })).toThrow(
      /zone radius/,
    );
    expect(() => setStandingCommand(cmdr, { ...standing, zone: { ...standing.zone, radiusM: 200_001 } })).toThrow(
      /zone radius/,
    );
    expect(() => setStandingCommand(cmdr, { ...standing, targetKinds: [] })).toThrow(/at least one/);
    for (const identity of ['FRIEND', 'ASSUMED_FRIEND', 'NEUTRAL'] as const) {
      expect(() => setStandingCommand(cmdr, { ...standing, identities: ['HOSTILE', identity] })).toThrow(
        /never covers/,
      );
    }
  });
});
