import { describe, expect, it } from 'vitest';
import type { Scenario, Track } from '@tessera/schema';
import { loadScenario, raidLabel, SMALL_ENDINGS } from '../../test/support.ts';
import { bestSensor, createSimulation, planFlights, type TwinEvent } from './simulation.ts';

const small = await loadScenario('test-small');
const demo = await loadScenario('demo');
const START = Date.UTC(2026, 10, 26, 12);

function run(scenario: Scenario, untilS: number, stepS: number): TwinEvent[] {
  const sim = createSimulation(scenario, START);
  const events: TwinEvent[] = [];
  for (let t = stepS; t <= untilS + 1e-9; t += stepS) events.push(...sim.advanceTo(t));
  return events;
}

const reports = (events: TwinEvent[]) => events.flatMap((e) => (e.type === 'report' ? [e.track] : []));

describe('simulation', () => {
  it('is deterministic for a seed and independent of the step size', () => {
    const a = run(small, 300, 0.25);
    const b = run(small, 300, 7.5);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('draws different noise for a different seed', () => {
    const a = reports(run(small, 60, 1));
    const b = reports(run({ ...small, seed: small.seed + 1 }, 60, 1));
    expect(a.length).toBe(b.length);
    expect(a.map((t) => t.position.lat)).not.toEqual(b.map((t) => t.position.lat));
  });

  it('ends every flight of the small scenario the way it should within 10 minutes', () => {
    const events = run(small, 600, 1);
    const removals = new Map(
      events.flatMap((e) => (e.type === 'removal' ? [[e.removal.id, e.removal.reason] as const] : [])),
    );
    expect(Object.fromEntries(removals)).toEqual(SMALL_ENDINGS);
  });

  it('reports each track at its best sensor period and marks it stale three periods later', () => {
    const tracks = reports(run(small, 120, 1)).filter((t) => t.id === 'POL-civil-01');
    const times = tracks.map((t) => Date.parse(t.updatedAt));
    const gaps = new Set(times.slice(1).map((t, i) => (t - times[i]!) / 1000));
    expect([...gaps]).toEqual([2]); // pol-radar-1 every 2 s
    for (const t of tracks) expect(Date.parse(t.staleAt) - Date.parse(t.updatedAt)).toBe(6000);
  });

  it('does not see a low drone beyond the radio horizon', () => {
    const radar = small.sensors.find((s) => s.id === 'pol-radar-1')!;
    const near = { lat: 50.0, lon: 23.0, altM: 30, speedMps: 50, courseDeg: 90, climbMps: 0 }; // 35.8 km away
    expect(bestSensor([radar], near)?.id).toBe('pol-radar-1');
    // horizon at 30 m: 4.12 (√30 + √30) = 45 km; at 5 m: 4.12 (√30 + √5) = 31.8 km
    expect(bestSensor([radar], { ...near, altM: 5 })).toBeUndefined();
  });

  it('labels, kinds and identities follow the raid definition', () => {
    for (const t of reports(run(small, 600, 5))) {
      const raid = small.raids.find((r) => t.id.startsWith(`${r.trackedBy}-${r.id}-`))!;
      expect(t.kind).toBe(raid.kind);
      expect(t.identity).toBe(raid.identity);
      expect(t.label).toEqual(raidLabel(raid));
      expect(t.provenance.nation).toBe(raid.trackedBy);
      expect(t.assessments[0]).toEqual({ nation: raid.trackedBy, identity: raid.identity });
    }
  });

  it('keeps the demo busy: 4+ nations, 3+ sectors, 2+ assets and 60+ simultaneous tracks of mixed kinds', () => {
    expect(demo.nations.length).toBeGreaterThanOrEqual(4);
    expect(demo.sectors.length).toBeGreaterThanOrEqual(3);
    expect(demo.defendedAssets.length).toBeGreaterThanOrEqual(2);
    const sim = createSimulation(demo, START);
    let min = Infinity;
    const kinds = new Set<string>();
    const labels = new Set<string>();
    for (let t = 30; t <= 3600; t += 30) {
      for (const e of sim.advanceTo(t)) {
        if (e.type !== 'report') continue;
        kinds.add(e.track.kind);
        labels.add(`${e.track.label.classification}:${e.track.label.releasableTo.length}`);
      }
      min = Math.min(min, sim.shownTracks().length);
    }
    expect(min).toBeGreaterThanOrEqual(60);
    expect([...kinds].sort()).toEqual(['BALLOON', 'CRUISE_MISSILE', 'FIXED_WING', 'GLIDE_BOMB', 'ROTARY', 'UAS']);
    expect(labels).toContain('SECRET:0'); // national only
    expect(labels).toContain('UNCLASSIFIED:3'); // releasable to all partners
    expect(labels).toContain('RESTRICTED:1');
  });

  it('flies each kind plausibly in the demo', () => {
    const byRaid = new Map<string, Track[]>();
    for (const t of reports(run(demo, 1200, 10))) {
      const raid = t.id.replace(/^[A-Z]{3}-/, '').replace(/-\d+$/, '');
      byRaid.set(raid, [...(byRaid.get(raid) ?? []), t]);
    }
    const stat = (raid: string, f: (t: Track) => number) => {
      const v = byRaid.get(raid)!.map(f);
      return { min: Math.min(...v), max: Math.max(...v) };
    };
    // one-way attack drones ~50 m/s, low
    expect(stat('owa-lviv-1', (t) => t.velocity.speedMps).min).toBeGreaterThan(40);
    expect(stat('owa-lviv-1', (t) => t.velocity.speedMps).max).toBeLessThan(60);
    expect(stat('owa-lviv-1', (t) => t.position.altM).max).toBeLessThan(500);
    // glide bombs descend fast from release altitude
    expect(stat('glide-kovel-1', (t) => t.velocity.climbMps).max).toBeLessThan(-25);
    expect(stat('glide-kovel-1', (t) => t.position.altM).max).toBeGreaterThan(8000);
    // FPV drones slow and very low
    expect(stat('fpv-dubno', (t) => t.velocity.speedMps).max).toBeLessThan(30);
    expect(stat('fpv-dubno', (t) => t.position.altM).max).toBeLessThan(100);
    // airliners at altitude on airways, fighters fast and high, helicopters low
    expect(stat('civil-l31', (t) => t.position.altM).min).toBeGreaterThan(10000);
    expect(stat('pol-cap', (t) => t.velocity.speedMps).min).toBeGreaterThan(200);
    expect(stat('ukr-heli', (t) => t.position.altM).max).toBeLessThan(1000);
  });

  it('plans one flight per raid member with readable ids', () => {
    const flights = planFlights(small);
    expect(flights.map((f) => f.id)).toEqual(Object.keys(SMALL_ENDINGS));
  });

  it('refuses to go back in time', () => {
    const sim = createSimulation(small, START);
    sim.advanceTo(10);
    expect(() => sim.advanceTo(5)).toThrow(/forward/);
  });

  it('ends a destroyed flight at once: removed DESTROYED by its nation in the next step, nothing else changes', () => {
    const sim = createSimulation(small, START);
    const before = sim.advanceTo(30.5);
    expect(sim.shownTracks()).toContainEqual({ id: 'POL-spoof-01', nation: 'POL' });
    expect(sim.destroy('POL-spoof-01', 30.5)).toBe(true);
    // pol-radar-1 reports every 2 s: without the destruction the next report would be at 32 s
    const next = sim.advanceTo(30.6);
    expect(next).toEqual([
      { type: 'removal', atS: 30.5, nation: 'POL', removal: { id: 'POL-spoof-01', reason: 'DESTROYED' } },
    ]);
    const rest = sim.advanceTo(600);
    expect(rest.filter((e) => (e.type === 'report' ? e.track.id : e.removal.id) === 'POL-spoof-01')).toEqual([]);
    expect(sim.shownTracks().map((t) => t.id)).not.toContain('POL-spoof-01');

    // every other flight flies as it would have (event by event, per track)
    const perTrack = (events: TwinEvent[]) => {
      const out: Record<string, string[]> = {};
      for (const e of events) {
        const id = e.type === 'report' ? e.track.id : e.removal.id;
        if (id !== 'POL-spoof-01') (out[id] ??= []).push(JSON.stringify(e));
      }
      return out;
    };
    expect(perTrack([...before, ...next, ...rest])).toEqual(perTrack(run(small, 600, 0.25)));
  });

  it('destroys only what is in the air, once, and never in the past', () => {
    const sim = createSimulation(small, START);
    sim.advanceTo(30);
    expect(sim.destroy('UKR-nope-01', 30)).toBe(false);
    expect(sim.destroy('UKR-glide-01', 30)).toBe(false); // launched at 60 s
    expect(sim.destroy('UKR-owa-02', 10)).toBe(true); // asked for 10 s at 30 s: ends at 30 s
    expect(sim.destroy('UKR-owa-02', 31)).toBe(false);
    expect(sim.advanceTo(31).find((e) => e.type === 'removal')).toEqual({
      type: 'removal',
      atS: 30,
      nation: 'UKR',
      removal: { id: 'UKR-owa-02', reason: 'DESTROYED' },
    });
    sim.advanceTo(600);
    expect(sim.destroy('UKR-owa-01', 600)).toBe(false); // it struck the depot long before
  });
});
