import { describe, expect, it } from 'vitest';
import { regionSummary } from './conflicts.ts';
import { assignment, H, iso, restricted, spectrumConflict, T0 } from './fixtures.ts';
import {
  assignmentsAt,
  bandBox,
  clampDomain,
  conflictLanes,
  focusDomain,
  formatBand,
  formatFrequency,
  formatWindow,
  FULL_DOMAIN,
  isFullDomain,
  isNarrowest,
  markerBox,
  panDomain,
  rangeFootprint,
  rangeOverlay,
  rangeOverlays,
  restrictedSummary,
  selectionBands,
  spectrumConflictsAt,
  spectrumRows,
  spectrumTicks,
  visibleBox,
  widenOutline,
  zoomDomain,
  type Domain,
  marginLabel,
} from './spectrum.ts';

const close = (d: Domain, expected: [number, number], digits = 2) => {
  expect(d[0]).toBeCloseTo(expected[0], digits);
  expect(d[1]).toBeCloseTo(expected[1], digits);
};

describe('the frequency axis: log scale, 30 MHz to 6 GHz', () => {
  it('zooms by decades about the centre, or about the pointer, which stays put', () => {
    // 30-6000 MHz is 2.301 decades; twice as close about its geometric centre, √(30·6000) = 424.26 MHz.
    close(zoomDomain(FULL_DOMAIN, 2), [30 * 200 ** 0.25, 6000 / 200 ** 0.25]); // 112.82-1595.5 MHz
    // About the left edge (the wheel with the pointer at 30 MHz): 30 MHz stays, the top comes to 424.26 MHz.
    close(zoomDomain(FULL_DOMAIN, 2, 0), [30, 424.26]);
    // The frequency under the pointer stays under it: at 25 % of [100, 1000], 177.83 MHz.
    const before = 100 * 10 ** 0.25;
    const d = zoomDomain([100, 1000], 4, 0.25);
    expect(d[0] * (d[1] / d[0]) ** 0.25).toBeCloseTo(before, 6);
    close(d, [before / 10 ** (0.25 / 4), before * 10 ** (0.75 / 4)]); // 153.99-273.84 MHz
  });

  it('never zooms out beyond 30 MHz-6 GHz nor in below 0.0005 decades', () => {
    expect(zoomDomain(FULL_DOMAIN, 0.5)).toEqual([30, 6000]);
    expect(zoomDomain([1000, 2000], 0.01)).toEqual([30, 6000]);
    expect(isFullDomain(FULL_DOMAIN)).toBe(true);
    // ×1000 into 2400-2410 MHz stops at ×1.00115 about √(2400·2410) = 2404.99 MHz: 2403.61-2406.38 MHz.
    const narrow = zoomDomain([2400, 2410], 1000);
    close(narrow, [2403.611, 2406.38], 2);
    expect(Math.log10(narrow[1] / narrow[0])).toBeCloseTo(0.0005, 9);
    expect(isNarrowest(narrow)).toBe(true);
    expect(isNarrowest(zoomDomain(narrow, 2))).toBe(true);
  });

  it('pans by a share of the window and stops at the ends, keeping the width', () => {
    close(panDomain([100, 1000], 0.5), [316.23, 3162.28]);
    close(panDomain([100, 1000], -0.5), [31.62, 316.23]);
    // 1000-5000 MHz one window up would be 5-25 GHz: it stops at 6 GHz, still ×5 wide.
    close(panDomain([1000, 5000], 1), [1200, 6000]);
    close(panDomain([40, 80], -3), [30, 60]);
    expect(panDomain(FULL_DOMAIN, 0.3)).toEqual([30, 6000]);
    // A window given too wide or too low is moved and narrowed into the axis.
    close(clampDomain([10, 100]), [30, 300], 9);
    expect(clampDomain([1, 1e6])).toEqual([30, 6000]);
  });

  it('places bands in percent of the window, cut a little beyond its edges', () => {
    expect(bandBox(FULL_DOMAIN, 30, 6000)).toEqual({ left: 0, width: 100, inView: true });
    const link = bandBox(FULL_DOMAIN, 2400, 2410);
    expect(link.left).toBeCloseTo(82.706, 3); // log10(2400/30) / log10(200)
    expect(link.width).toBeCloseTo(0.0785, 4);
    expect(bandBox([100, 1000], 10, 20_000)).toEqual({ left: -1, width: 102, inView: true });
    expect(bandBox([100, 1000], 1500, 2000)).toMatchObject({ width: 0, inView: false });
    expect(bandBox([100, 1000], 50, 60)).toMatchObject({ width: 0, inView: false });
    expect(bandBox([2400, 2410], 2405, 2405.001).inView).toBe(true);
  });

  it('labels ticks in MHz below 1 GHz and in GHz above, 1-2-5 over decades, linear when zoomed in', () => {
    const full = spectrumTicks(FULL_DOMAIN, 900);
    expect(full).toHaveLength(22); // 30-90, 100-900, 1000-6000 MHz
    // 40 MHz would run into 30 MHz, 400 into 300 MHz and 5 GHz into 6 GHz at 900 px: their ticks
    // stay unlabelled. Both ends are labelled.
    expect(full.filter((t) => t.label).map((t) => t.label)).toEqual([
      '30 MHz',
      '100 MHz',
      '200 MHz',
      '300 MHz',
      '1 GHz',
      '2 GHz',
      '3 GHz',
      '4 GHz',
      '6 GHz',
    ]);
    expect(full[0]).toEqual({ mhz: 30, x: 0, label: '30 MHz', align: 'start' }); // leans into the window
    expect(full.at(-1)).toMatchObject({ mhz: 6000, label: '6 GHz', align: 'end' });
    // No label within 8 px of another: 6 GHz ends at 900 px and is 30 px wide; 4 GHz (92.39 %, 831.5 px) ends at 846.5 px.
    const placed = full
      .filter((t) => t.label)
      .map((t) => {
        const c = (t.x / 100) * 900;
        const w = t.label!.length * 6;
        const left = t.align === 'start' ? c : t.align === 'end' ? c - w : c - w / 2;
        return [left, left + w] as const;
      });
    for (let i = 1; i < placed.length; i++) expect(placed[i]![0]).toBeGreaterThanOrEqual(placed[i - 1]![1] + 8);
    // Wider: 40-60, 400 and 500 MHz too; 5 GHz still gives way to 6 GHz.
    expect(
      spectrumTicks(FULL_DOMAIN, 1400)
        .filter((t) => t.label)
        .map((t) => t.label),
    ).toEqual([
      '30 MHz',
      '40 MHz',
      '50 MHz',
      '60 MHz',
      '100 MHz',
      '200 MHz',
      '300 MHz',
      '400 MHz',
      '500 MHz',
      '1 GHz',
      '2 GHz',
      '3 GHz',
      '4 GHz',
      '6 GHz',
    ]);
    // Narrow: 30 MHz, 100 MHz, 1 GHz and 6 GHz.
    expect(
      spectrumTicks(FULL_DOMAIN, 450)
        .filter((t) => t.label)
        .map((t) => t.label),
    ).toEqual(['30 MHz', '100 MHz', '1 GHz', '6 GHz']);
    expect(full[0]!.x).toBe(0);
    expect(full.at(-1)!.x).toBeCloseTo(100, 9);
    const zoomed = spectrumTicks([2400, 2410], 450);
    expect(zoomed.map((t) => t.label)).toEqual([
      '2.4 GHz',
      '2.402 GHz',
      '2.404 GHz',
      '2.406 GHz',
      '2.408 GHz',
      '2.41 GHz',
    ]);
    expect(formatWindow(FULL_DOMAIN)).toBe('30 MHz – 6 GHz');
    expect(formatWindow([1475.187, 3541.642])).toBe('1.475 GHz – 3.542 GHz'); // to 1 MHz: a thousandth of 2 GHz
    expect(formatWindow([2403.6108, 2406.3796])).toBe('2.403611 GHz – 2.40638 GHz');
    expect(formatFrequency(121.5)).toBe('121.5 MHz');
    expect(formatFrequency(2401.5)).toBe('2.4015 GHz');
    expect(formatFrequency(0.1 + 0.2)).toBe('0.3 MHz');
  });

  it('draws a narrow band at least a few px wide about its centre, inside the window', () => {
    // 5740-5760 MHz on the full axis, 1000 px: 99.164-99.230 %, 0.66 px. At least 6 px (0.6 %) about
    // its centre, 99.197 %: 98.897-99.497 %.
    const link = visibleBox(FULL_DOMAIN, 5740, 5760, 1000, 6);
    expect(link.left).toBeCloseTo(98.897, 3);
    expect(link.width).toBeCloseTo(0.6, 9);
    expect(link.inView).toBe(true);
    // 5990-6000 MHz would stick out of the right edge: it ends at it.
    const top = visibleBox(FULL_DOMAIN, 5990, 6000, 1000, 6);
    expect(top.left + top.width).toBeCloseTo(100, 9);
    expect(top.width).toBeCloseTo(0.6, 9);
    // Wide enough already, or cut at the edges: as bandBox gives it; outside the window: not moved in.
    expect(visibleBox(FULL_DOMAIN, 2900, 3100, 1000, 6)).toEqual(bandBox(FULL_DOMAIN, 2900, 3100));
    expect(visibleBox([100, 1000], 10, 20_000, 1000, 6)).toEqual({ left: -1, width: 102, inView: true });
    expect(visibleBox([100, 1000], 1500, 2000, 1000, 6)).toEqual(bandBox([100, 1000], 1500, 2000));
  });

  it('keeps a conflict marker and its label wholly inside the window', () => {
    // 5738-5762 MHz at the right end of 1000 px (from 991.5 px), its label 61 px: it ends at the edge.
    expect(markerBox(FULL_DOMAIN, 5738, 5762, 1000, 61)).toEqual({ leftPx: 939, widthPx: 61, inView: true });
    // 2400-2410 MHz at 827.06 px: room enough, it starts at its band.
    const mid = markerBox(FULL_DOMAIN, 2400, 2410, 1000, 61);
    expect(mid.leftPx).toBeCloseTo(827.06, 2);
    expect(mid.widthPx).toBe(61);
    // Wider than its label: as wide as the band (100-1000 MHz on [30, 6000]: 22.724 % to 66.183 %).
    const wide = markerBox(FULL_DOMAIN, 100, 1000, 1000, 61);
    expect(wide.leftPx).toBeCloseTo(227.24, 2);
    expect(wide.widthPx).toBeCloseTo(434.6, 1);
    expect(markerBox([100, 1000], 1500, 2000, 1000, 61).inView).toBe(false);
  });
});

describe('bringing a selection into view', () => {
  const link = assignment('link', { lowMHz: 5740, highMHz: 5760, guardBandMHz: 2 });
  const jammer = assignment('jam', { nation: 'UKR', lowMHz: 5725, highMHz: 5850, guardBandMHz: 6 });
  const assignments = new Map([
    ['POL/link', link],
    ['UKR/jam', jammer],
  ]);
  const demo = spectrumConflict('c1', {
    spectrum: { ...spectrumConflict('x').spectrum!, lowMHz: 5738, highMHz: 5762 },
  });

  it('takes a conflict’s band and both ends with their guard bands, or an assignment with its own', () => {
    expect(selectionBands(assignments, null, demo)).toEqual([
      { lowMHz: 5738, highMHz: 5762 },
      { lowMHz: 5738, highMHz: 5762 },
      { lowMHz: 5719, highMHz: 5856 },
    ]);
    // A withheld end: where the conflict is, and the end the user may see.
    const withheld = { ...demo, sides: [demo.sides[0]!, { ...demo.sides[1]!, withheld: true, id: null }] };
    expect(selectionBands(assignments, null, withheld)).toEqual([
      { lowMHz: 5738, highMHz: 5762 },
      { lowMHz: 5738, highMHz: 5762 },
    ]);
    expect(selectionBands(assignments, 'UKR/jam', undefined)).toEqual([{ lowMHz: 5719, highMHz: 5856 }]);
    expect(selectionBands(assignments, null, undefined)).toEqual([]);
    expect(selectionBands(assignments, 'POL/gone', undefined)).toEqual([]);
  });

  it('widens the bands’ union three times, to at least a twentieth of a decade, inside 30 MHz-6 GHz', () => {
    // The demo: 5719-5856 MHz is 0.0103 decades, ×3 is 0.031: the window is 0.05 decades (×1.122)
    // about √(5719·5856) = 5787.1 MHz, 5457.8-6136.4 MHz, moved under 6 GHz: 5347.5-6000 MHz.
    const d = focusDomain(selectionBands(assignments, null, demo))!;
    close(d, [6000 / 10 ** 0.05, 6000], 3);
    expect(d[0]).toBeCloseTo(5347.5, 1);
    // There the 20 MHz datalink is 0.0015 decades of 0.05: 3 % of the chart, 29 px of 960 (0.7 px before).
    const datalink = bandBox(d, 5740, 5760);
    expect(datalink.width).toBeCloseTo(3.02, 2);
    expect(bandBox(d, 5719, 5856)).toMatchObject({ inView: true });
    expect(bandBox(d, 5719, 5856).left).toBeGreaterThan(30); // a margin below, the edge above
    // LTU's radar, 2898-3102 MHz (0.0295 decades): 0.0886 decades about √(2898·3102) = 2998.3 MHz, 2707.4-3320.4 MHz.
    close(focusDomain([{ lowMHz: 2898, highMHz: 3102 }])!, [2707.42, 3320.36], 2);
    // A 25 kHz channel at 30 MHz: 0.05 decades, moved up off 30 MHz: 30-33.66 MHz.
    close(focusDomain([{ lowMHz: 30, highMHz: 30.025 }])!, [30, 30 * 10 ** 0.05], 3);
    // Bands a decade apart: 100-1000 MHz ×3 is 3 decades, more than the axis: the whole of it.
    expect(
      focusDomain([
        { lowMHz: 100, highMHz: 110 },
        { lowMHz: 900, highMHz: 1000 },
      ]),
    ).toEqual(FULL_DOMAIN);
    // A wider margin asked for: 2400-2410 MHz ×1 at least 0.01 decades about 2405 MHz.
    const tight = focusDomain([{ lowMHz: 2400, highMHz: 2410 }], 1, 0.01)!;
    expect(Math.log10(tight[1] / tight[0])).toBeCloseTo(0.01, 9);
    expect(Math.sqrt(tight[0] * tight[1])).toBeCloseTo(Math.sqrt(2400 * 2410), 6);
    expect(focusDomain([])).toBeNull();
  });
});

describe('what the spectrum view shows at a time', () => {
  const link = assignment('link');
  const later = assignment('link-2', { lowMHz: 5800, highMHz: 5820, validFrom: iso(T0 + 5 * H), validTo: null });
  const jammer = assignment('jam', {
    nation: 'UKR',
    system: 'Jammer',
    use: 'JAMMER',
    lowMHz: 2405,
    highMHz: 2415,
    guardBandMHz: 2.5,
    validFrom: null,
    validTo: null,
  });
  const ended = assignment('old', { nation: 'DEU', system: 'Radar', state: 'ENDED' });
  const all = [later, ended, link, jammer];

  it('keeps what is in force: not ended, within its half-open window, open ends unbounded', () => {
    expect(assignmentsAt(all, T0 + H).map((a) => a.id)).toEqual(['link', 'jam']);
    expect(assignmentsAt(all, T0 + 4 * H).map((a) => a.id)).toEqual(['jam']); // link ends at T0 + 4 h, exclusive
    expect(assignmentsAt(all, T0 + 9 * H).map((a) => a.id)).toEqual(['link-2', 'jam']);
    expect(assignmentsAt(all, T0 - 1).map((a) => a.id)).toEqual(['jam']);
  });

  it('lays out one row per nation and system, the user’s first; rows stay while their bars come and go', () => {
    const conflict = spectrumConflict('c1');
    const rows = spectrumRows(all, [conflict], 'UKR', T0 + H);
    expect(rows.map((r) => [r.key, r.bars.map((b) => b.key)])).toEqual([
      ['UKR/Jammer', ['UKR/jam']],
      ['POL/Drone link', ['POL/link']],
    ]);
    // Guard bands widen each side: 1 MHz for the link, 2.5 MHz for the jammer.
    expect(rows[1]!.bars[0]).toMatchObject({ guardLowMHz: 2399, guardHighMHz: 2411, conflicted: true });
    expect(rows[0]!.bars[0]).toMatchObject({ guardLowMHz: 2402.5, guardHighMHz: 2417.5, conflicted: true });
    expect(rows[1]!.hits).toEqual([{ conflictId: 'c1', lowMHz: 2405, highMHz: 2410, marginDb: 23.4 }]);
    // Three hours on the conflict is over (T0 to T0 + 2 h); six hours on, the link's second band.
    const laterRows = spectrumRows(all, [conflict], 'POL', T0 + 6 * H);
    expect(laterRows.map((r) => [r.key, r.bars.map((b) => b.key), r.hits.length])).toEqual([
      ['POL/Drone link', ['POL/link-2'], 0],
      ['UKR/Jammer', ['UKR/jam'], 0],
    ]);
    expect(spectrumRows(all, [conflict], 'POL', T0 + 4.5 * H)[0]!.bars).toEqual([]);
  });

  it('shows open SPECTRUM conflicts in force, with band and margin in words', () => {
    const conflicts = [
      spectrumConflict('now'),
      spectrumConflict('done', { state: 'RESOLVED' }),
      spectrumConflict('taboo', {
        spectrum: {
          ...spectrumConflict('x').spectrum!,
          kind: 'RESTRICTED_BAND',
          marginDb: null,
          paths: [],
          from: null,
          to: null,
        },
      }),
    ];
    expect(spectrumConflictsAt(conflicts, T0 + H).map((c) => c.id)).toEqual(['now', 'taboo']);
    expect(spectrumConflictsAt(conflicts, T0 + 3 * H).map((c) => c.id)).toEqual(['taboo']);
    expect(regionSummary(conflicts[0]!, T0)).toBe('2405.0–2410.0 MHz · margin 23.4 dB · 21:00Z – 23:00Z');
    expect(regionSummary(conflicts[2]!, T0)).toBe('2405.0–2410.0 MHz · transmits in a TABOO band');
    expect(formatBand(2400, 2412.5)).toBe('2400.0–2412.5 MHz');
    expect(formatBand(121.45, 121.55)).toBe('121.45–121.55 MHz');
    expect(formatBand(30.0125, 30.0375)).toBe('30.0125–30.0375 MHz');
  });

  it('stacks conflict markers that would overlap on screen', () => {
    const at = (id: string, lowMHz: number, highMHz: number) =>
      spectrumConflict(id, { spectrum: { ...spectrumConflict('x').spectrum!, lowMHz, highMHz } });
    const lanes = conflictLanes(
      [at('a', 2400, 2410), at('b', 2405, 2415), at('c', 100, 101), at('d', 2500, 2510)],
      FULL_DOMAIN,
    );
    expect(Object.fromEntries(lanes)).toEqual({ c: 0, a: 0, b: 1, d: 2 }); // 2.5 GHz is 1.5 % from 2.4 GHz on the full axis
    const zoomedIn = conflictLanes([at('a', 2400, 2410), at('d', 2500, 2510)], [2300, 2600]);
    expect(Object.fromEntries(zoomedIn)).toEqual({ a: 0, d: 0 });
  });

  it('names restricted bands, a withheld one by its edges only', () => {
    expect(restrictedSummary(restricted('l1'))).toBe('TABOO 1559.0–1610.0 MHz: GNSS L1 (NAT)');
    expect(
      restrictedSummary(restricted('x', { kind: 'GUARDED', withheld: true, nation: null, reason: null, label: null })),
    ).toBe('Restricted band 1559.0–1610.0 MHz');
  });
});

describe('ranges on the globe', () => {
  it('draws a point’s horizon as a circle about it, an area widened by it', () => {
    const link = assignment('link');
    expect(rangeOverlay(link, 'selected')).toEqual({
      id: 'POL/link',
      label: 'Drone link (POL)',
      role: 'selected',
      point: { lat: 50, lon: 22 },
      area: null,
      range: { outline: null, circle: { center: { lat: 50, lon: 22 }, radiusM: 26_060 } },
    });
    const circle = { center: { lat: 50, lon: 23 }, radiusM: 5000 };
    const jammer = assignment('jam', {
      location: { kind: 'AREA', point: null, outline: null, circle, antennaHeightM: 0 },
      horizonKm: 13.03,
    });
    expect(rangeOverlay(jammer, 'interferer').range.circle).toEqual({ center: circle.center, radiusM: 18_030 });
    // A 0.1° square widened by 1 km: due north of its northern edge by 1 km (1/110.574 km per degree).
    const square = [
      { lat: 50, lon: 22 },
      { lat: 50, lon: 22.1 },
      { lat: 50.1, lon: 22.1 },
      { lat: 50.1, lon: 22 },
    ];
    const wide = widenOutline(square, 1000);
    expect(wide).toHaveLength(72);
    expect(wide[0]!.lat).toBeCloseTo(50.1 + 1000 / 110_574, 9);
    expect(wide[18]!.lon).toBeCloseTo(22.1 + 1000 / (111_320 * Math.cos((50.05 * Math.PI) / 180)), 9); // due east
    expect(Math.min(...wide.map((p) => p.lat))).toBeCloseTo(50 - 1000 / 110_574, 9);
  });

  it('draws a selected conflict’s two ends, interferer and victim, never a withheld one', () => {
    const assignments = new Map([
      ['POL/link', assignment('link')],
      [
        'UKR/jam',
        assignment('jam', {
          nation: 'UKR',
          location: { ...assignment('x').location, point: { lat: 50.1, lon: 22.2 } },
        }),
      ],
    ]);
    const c = spectrumConflict('c1');
    expect(rangeOverlays(assignments, null, c).map((o) => [o.id, o.role])).toEqual([
      ['POL/link', 'victim'],
      ['UKR/jam', 'interferer'],
    ]);
    const withheld = { ...c, sides: [c.sides[0]!, { ...c.sides[1]!, withheld: true, id: null }] };
    expect(rangeOverlays(assignments, null, withheld).map((o) => o.id)).toEqual(['POL/link']);
    expect(rangeOverlays(assignments, 'UKR/jam', undefined).map((o) => [o.id, o.role])).toEqual([
      ['UKR/jam', 'selected'],
    ]);
    expect(rangeOverlays(assignments, null, undefined)).toEqual([]);
    // The camera frames both circles: 16 points of each.
    expect(rangeFootprint(rangeOverlays(assignments, null, c))!.outline).toHaveLength(32);
    expect(rangeFootprint([])).toBeNull();
  });
});

describe('a margin as the caller receives it', () => {
  const withMargin = (marginDb: number, sanitized: boolean) => {
    const c = spectrumConflict('s-1', { sanitized });
    return { ...c, spectrum: { ...c.spectrum!, marginDb } };
  };
  it('exact in the full view; only its severity floor when a side is withheld', () => {
    expect(marginLabel(withMargin(23.4, false))).toBe('23.4 dB');
    expect(marginLabel(withMargin(20, true))).toBe('≥ 20 dB');
    expect(marginLabel(withMargin(6, true))).toBe('≥ 6 dB');
    expect(marginLabel(withMargin(0, true))).toBe('< 6 dB');
    const taboo = spectrumConflict('s-2');
    expect(marginLabel({ ...taboo, spectrum: { ...taboo.spectrum!, kind: 'RESTRICTED_BAND', marginDb: null } })).toBe(
      'TABOO',
    );
  });
});
