import { describe, expect, it } from 'vitest';
import { Alert, derivedLabel, isAcknowledgedBy, type Label, type Threat } from '@tessera/schema';
import {
  anomalyAlertId,
  createAlertBook,
  DEFAULT_ALERT_POLICY,
  threatAlertId,
  type AlertPolicy,
  type TrackRef,
} from './alerts.ts';
import type { Finding } from './anomaly.ts';

const policy: AlertPolicy = DEFAULT_ALERT_POLICY; // threshold 600 s, critical 120 s, threat clears after 20 s, anomaly after 300 s, kept 900 s
const T0 = Date.UTC(2026, 10, 26, 12);
const at = (s: number) => T0 + s * 1000;
const iso = (s: number) => new Date(at(s)).toISOString();

const label = (
  originator: string,
  classification: Label['classification'],
  releasableTo: string[],
  policy: Label['policy'] = 'NATO',
): Label => ({ policy, classification, originator, releasableTo });

/** A UKR hostile drone, RESTRICTED, releasable to POL and LTU; the depot CONFIDENTIAL, UKR and POL only. */
const drone: TrackRef = { id: 'UKR-owa-01', label: label('UKR', 'RESTRICTED', ['POL', 'LTU']) };
const depotLabel = label('UKR', 'CONFIDENTIAL', ['POL']);

function threat(tti: number | null, assetId = 'ukr-depot'): Threat {
  return {
    defendedAssetId: assetId,
    defendedAssetName: assetId === 'ukr-depot' ? 'Depot' : assetId,
    closestApproachM: 100,
    timeToClosestApproachS: tti ?? 300,
    timeToImpactS: tti,
    predictedImpact: { lat: 49.95, lon: 23.6, radiusM: 500 },
  };
}
const onDepot = (tti: number | null, assetLabel = depotLabel) => [{ threat: threat(tti), assetLabel }];

const finding: Finding = {
  kind: 'POSITION_JUMP',
  summary: 'Position jumped 10.0 km in 2 s (implied 5000 m/s, reported 50 m/s)',
  evidence: [{ name: 'distance between reports', value: 10_000, threshold: 2_150, unit: 'm' }],
  reports: [],
};

const ack = (alertId: string, nation: string, username = `${nation.toLowerCase()}-watch`) => ({
  alertId,
  nation,
  username,
  displayName: `${nation} watch officer`,
});
const ID = threatAlertId('UKR-owa-01', 'ukr-depot');

describe('alert book: threats', () => {
  it('raises nothing beyond the threshold or without a time to impact, a WARNING within it, CRITICAL within criticalS', () => {
    const book = createAlertBook(policy);
    expect(book.threats(drone, onDepot(601), at(0))).toEqual([]);
    expect(book.threats(drone, onDepot(null), at(0))).toEqual([]);
    expect(book.all()).toEqual([]);

    const [warning] = book.threats(drone, onDepot(600), at(0));
    expect(Alert.parse(warning)).toEqual(warning); // it is what the contract says
    expect(warning).toMatchObject({
      id: 'threat:UKR-owa-01:ukr-depot',
      kind: 'THREAT',
      severity: 'WARNING',
      trackId: 'UKR-owa-01',
      defendedAssetId: 'ukr-depot',
      title: 'UKR-owa-01 threatens Depot',
      impactExpectedAt: iso(600),
      predictedImpact: { lat: 49.95, lon: 23.6, radiusM: 500 },
      anomalyKind: null,
      raisedAt: iso(0),
      updatedAt: iso(0),
      clearedAt: null,
      acknowledgements: [],
    });

    const other = createAlertBook(policy);
    expect(other.threats(drone, onDepot(120), at(0))[0]!.severity).toBe('CRITICAL');
    expect(other.threats({ ...drone, id: 'UKR-owa-02' }, onDepot(121), at(0))[0]!.severity).toBe('WARNING');
  });

  it('does not emit for impact-time changes under 5 s, does for larger ones, keeping when it was raised', () => {
    const book = createAlertBook(policy);
    book.threats(drone, onDepot(300), at(0)); // impact expected at 300 s
    expect(book.threats(drone, onDepot(290), at(10))).toEqual([]); // same expected time
    expect(book.threats(drone, onDepot(294), at(10))).toEqual([]); // 4 s later than expected
    expect(book.threats(drone, onDepot(285), at(10))).toEqual([]); // 5 s earlier: not more than 5 s
    const [moved] = book.threats(drone, onDepot(296), at(10)); // 6 s later
    expect(moved).toMatchObject({
      impactExpectedAt: iso(306),
      raisedAt: iso(0),
      updatedAt: iso(10),
      severity: 'WARNING',
    });
    expect(book.get(ID)).toEqual(moved);
  });

  it('escalation to CRITICAL emits, and a WARNING acknowledgement no longer counts', () => {
    const book = createAlertBook(policy);
    book.threats(drone, onDepot(300), at(0));
    const acked = book.acknowledge(ack(ID, 'UKR'), at(5));
    expect(acked.ok).toBe(true);
    expect(isAcknowledgedBy(book.get(ID)!, 'UKR')).toBe(true);
    expect(isAcknowledgedBy(book.get(ID)!, 'POL')).toBe(false); // each nation acknowledges for itself

    const [critical] = book.threats(drone, onDepot(118), at(182)); // same expected time, but now within 120 s
    expect(critical).toMatchObject({ severity: 'CRITICAL', raisedAt: iso(0) });
    expect(critical!.acknowledgements).toEqual([
      { nation: 'UKR', username: 'ukr-watch', displayName: 'UKR watch officer', at: iso(5), severity: 'WARNING' },
    ]);
    expect(isAcknowledgedBy(critical!, 'UKR')).toBe(false);

    // ... so UKR can (must) acknowledge again, at CRITICAL, replacing its WARNING acknowledgement
    const again = book.acknowledge(ack(ID, 'UKR'), at(190));
    expect(again.ok && again.alert.acknowledgements).toEqual([
      { nation: 'UKR', username: 'ukr-watch', displayName: 'UKR watch officer', at: iso(190), severity: 'CRITICAL' },
    ]);
    expect(isAcknowledgedBy(book.get(ID)!, 'UKR')).toBe(true);
  });

  it('derives the label from the track and the asset: the highest classification, seen only by nations that may see both', () => {
    const book = createAlertBook(policy);
    const [a] = book.threats(drone, onDepot(300), at(0));
    // RESTRICTED {UKR, POL, LTU} and CONFIDENTIAL {UKR, POL}: CONFIDENTIAL, UKR and POL
    expect(a!.label).toEqual({
      policy: 'NATO',
      classification: 'CONFIDENTIAL',
      originator: 'UKR',
      releasableTo: ['POL'],
    });
    expect(a!.label).toEqual(derivedLabel('UKR', [drone.label, depotLabel]));

    // an unclassified asset releasable to all: the track's audience, the track's classification
    const open = label('UKR', 'UNCLASSIFIED', ['POL', 'LTU']);
    expect(createAlertBook(policy).threats(drone, onDepot(300, open), at(0))[0]!.label).toEqual({
      policy: 'NATO',
      classification: 'RESTRICTED',
      originator: 'UKR',
      releasableTo: ['POL', 'LTU'],
    });
  });

  it('raises no alert when no nation may see both the track and the asset', () => {
    const book = createAlertBook(policy);
    const polOnly: TrackRef = { id: 'POL-uas-01', label: label('POL', 'SECRET', [], 'POL') };
    const ukrOnly = label('UKR', 'SECRET', [], 'UKR');
    expect(derivedLabel('UKR', [polOnly.label, ukrOnly])).toBeNull();
    expect(book.threats(polOnly, onDepot(60, ukrOnly), at(0))).toEqual([]);
    expect(book.all()).toEqual([]);
  });

  it('keeps one alert per threatened asset, most urgent as given', () => {
    const book = createAlertBook(policy);
    const out = book.threats(
      drone,
      [
        { threat: threat(100), assetLabel: depotLabel },
        { threat: threat(400, 'ukr-bridge'), assetLabel: depotLabel },
        { threat: threat(900, 'ukr-far'), assetLabel: depotLabel },
      ],
      at(0),
    );
    expect(out.map((a) => [a.id, a.severity])).toEqual([
      ['threat:UKR-owa-01:ukr-depot', 'CRITICAL'],
      ['threat:UKR-owa-01:ukr-bridge', 'WARNING'],
    ]);
  });
});

describe('alert book: acknowledgements', () => {
  const book = createAlertBook(policy);
  book.threats(drone, onDepot(300), at(0));

  it('records nation, user, time and the severity acknowledged', () => {
    const reply = book.acknowledge(ack(ID, 'POL', 'pol-watch'), at(30));
    expect(reply).toEqual({
      ok: true,
      alert: expect.objectContaining({
        id: ID,
        acknowledgements: [
          { nation: 'POL', username: 'pol-watch', displayName: 'POL watch officer', at: iso(30), severity: 'WARNING' },
        ],
      }),
    });
    expect(book.get(ID)!.acknowledgements).toHaveLength(1);
  });

  it('refuses a second acknowledgement by the same nation', () => {
    expect(book.acknowledge(ack(ID, 'POL', 'another-pol-officer'), at(40))).toMatchObject({
      ok: false,
      code: 'ALREADY_ACKNOWLEDGED',
    });
    expect(book.get(ID)!.acknowledgements.map((a) => a.username)).toEqual(['pol-watch']);
  });

  it('refuses a nation outside the label (LTU may see the drone, not the depot) and an unknown alert', () => {
    expect(book.acknowledge(ack(ID, 'LTU'), at(40))).toMatchObject({ ok: false, code: 'NOT_RELEASABLE' });
    expect(book.acknowledge(ack('threat:nope:ukr-depot', 'UKR'), at(40))).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    // the originator may acknowledge
    expect(book.acknowledge(ack(ID, 'UKR'), at(41)).ok).toBe(true);
    expect(book.get(ID)!.acknowledgements.map((a) => a.nation)).toEqual(['POL', 'UKR']);
  });
});

describe('alert book: anomalies, clearing and purging', () => {
  it('raises an anomaly alert once while it is open, with the track label', () => {
    const book = createAlertBook(policy);
    const a = book.anomaly(drone, finding, at(0))!;
    expect(Alert.parse(a)).toEqual(a);
    expect(a).toMatchObject({
      id: anomalyAlertId('UKR-owa-01', 'POSITION_JUMP'),
      kind: 'ANOMALY',
      severity: 'WARNING',
      label: drone.label,
      anomalyKind: 'POSITION_JUMP',
      defendedAssetId: null,
      impactExpectedAt: null,
    });
    expect(a.title).toBe(`UKR-owa-01: ${finding.summary}`);
    expect(book.anomaly(drone, finding, at(30))).toBeNull();
  });

  it('trackGone clears the open alerts of that track only', () => {
    const book = createAlertBook(policy);
    book.threats(drone, onDepot(300), at(0));
    book.anomaly(drone, finding, at(0));
    book.threats({ ...drone, id: 'UKR-owa-02' }, onDepot(320), at(0));
    const cleared = book.trackGone('UKR-owa-01', at(50));
    expect(cleared.map((a) => a.id).sort()).toEqual([anomalyAlertId('UKR-owa-01', 'POSITION_JUMP'), ID]);
    for (const a of cleared) expect(a).toMatchObject({ clearedAt: iso(50), updatedAt: iso(50) });
    expect(book.get(threatAlertId('UKR-owa-02', 'ukr-depot'))!.clearedAt).toBeNull();
    expect(book.trackGone('UKR-owa-01', at(60))).toEqual([]); // already cleared
  });

  it('a cleared threat that comes back is raised anew, without the old acknowledgements', () => {
    const book = createAlertBook(policy);
    book.threats(drone, onDepot(300), at(0));
    book.acknowledge(ack(ID, 'UKR'), at(1));
    book.trackGone('UKR-owa-01', at(10));
    const [again] = book.threats(drone, onDepot(280), at(20));
    expect(again).toMatchObject({ raisedAt: iso(20), clearedAt: null, acknowledgements: [] });
  });

  it('sweep clears a threat not seen for threatClearS, an anomaly after anomalyClearS, and purges after retainS', () => {
    const book = createAlertBook(policy);
    book.threats(drone, onDepot(300), at(0));
    book.anomaly(drone, finding, at(0));
    book.threats(drone, onDepot(290), at(10)); // seen again at 10 s (no change emitted)

    expect(book.sweep(at(29))).toEqual({ changed: [], purged: [] }); // 19 s since last seen
    const s1 = book.sweep(at(30)); // 20 s
    expect(s1.changed.map((a) => [a.id, a.clearedAt])).toEqual([[ID, iso(30)]]);
    expect(s1.purged).toEqual([]);

    expect(book.sweep(at(299)).changed).toEqual([]);
    const s2 = book.sweep(at(300));
    expect(s2.changed.map((a) => [a.id, a.clearedAt])).toEqual([
      [anomalyAlertId('UKR-owa-01', 'POSITION_JUMP'), iso(300)],
    ]);

    // kept 900 s after clearing, then purged
    expect(book.sweep(at(929)).purged).toEqual([]);
    expect(book.sweep(at(930)).purged).toEqual([ID]);
    expect(book.get(ID)).toBeUndefined();
    expect(book.sweep(at(1200)).purged).toEqual([anomalyAlertId('UKR-owa-01', 'POSITION_JUMP')]);
    expect(book.all()).toEqual([]);
  });

  it('sweep judges each alert by its own clock: a far-future clock of one track clears that track only', () => {
    const book = createAlertBook(policy);
    const polDrone: TrackRef = { id: 'POL-evil-01', label: label('POL', 'RESTRICTED', []) };
    book.threats(drone, onDepot(300), at(0));
    book.anomaly(polDrone, finding, at(0));
    const FAR = Date.parse('9999-12-31T00:00:00.000Z');
    const s = book.sweep((a) => (a.trackId === 'POL-evil-01' ? FAR : at(5)));
    expect(s.changed.map((a) => a.id)).toEqual([anomalyAlertId('POL-evil-01', 'POSITION_JUMP')]);
    expect(book.get(ID)?.clearedAt).toBeNull();
  });

  it('restores alerts with their acknowledgements, and sweeps restored open ones from when they were last updated', () => {
    const first = createAlertBook(policy);
    first.threats(drone, onDepot(300), at(0));
    const acked = first.acknowledge(ack(ID, 'POL'), at(3));
    const restored = createAlertBook(policy, first.all());
    expect(restored.get(ID)).toEqual(acked.ok && acked.alert);
    expect(restored.acknowledge(ack(ID, 'POL'), at(5))).toMatchObject({ ok: false, code: 'ALREADY_ACKNOWLEDGED' });
    // updates keep the acknowledgement
    const [moved] = restored.threats(drone, onDepot(250), at(10));
    expect(moved!.acknowledgements.map((a) => a.nation)).toEqual(['POL']);
    expect(restored.sweep(at(29)).changed).toEqual([]);
    expect(restored.sweep(at(30)).changed.map((a) => a.id)).toEqual([ID]);
  });
});
