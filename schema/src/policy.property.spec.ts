import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS, classificationRank, type FieldLabel, type Label } from './label.ts';
import { canSee, derivedLabel, release, releaseDerived, releaseTrackAsSeenBy, type Viewer } from './policy.ts';
import type { Track } from './track.ts';

const NATIONS = ['POL', 'UKR', 'DEU', 'LTU', 'USA', 'GBR'] as const;
const RUNS = Number(process.env.POLICY_RUNS ?? 100_000);

const nation = fc.constantFrom(...NATIONS);
const classification = fc.constantFrom(...CLASSIFICATIONS);
const label: fc.Arbitrary<Label> = fc.record({
  policy: fc.constantFrom('NATO', ...NATIONS),
  classification,
  originator: nation,
  releasableTo: fc.uniqueArray(nation, { maxLength: NATIONS.length }),
});
const viewer: fc.Arbitrary<Viewer> = fc.record({
  nation: fc.option(nation, { nil: null, freq: 10 }),
  clearance: classification,
});

/** Every leaf path of the objects below, and their prefixes (a label may cover a whole sub-object). */
const LEAVES = ['id', 'position.lat', 'position.lon', 'provenance.sourceId', 'provenance.system', 'kind'] as const;
const PATHS = [...LEAVES, 'position', 'provenance'] as const;
const item = fc.record({
  label,
  fieldLabels: fc.array(fc.record({ path: fc.constantFrom(...PATHS), label }), { maxLength: 4 }),
  id: fc.string(),
  kind: fc.string(),
  position: fc.record({ lat: fc.double({ noNaN: true }), lon: fc.double({ noNaN: true }) }),
  provenance: fc.record({ sourceId: fc.string(), system: fc.string() }),
});

const get = (o: unknown, path: string) =>
  path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' && k in v ? (v as Record<string, unknown>)[k] : undefined),
      o,
    );
const has = (o: unknown, path: string) => {
  const parts = path.split('.');
  const parent = parts.length > 1 ? get(o, parts.slice(0, -1).join('.')) : o;
  return !!parent && typeof parent === 'object' && parts.at(-1)! in parent;
};
/** Labels that govern a leaf: those on the leaf itself or on one of its parents. */
const governing = (fieldLabels: FieldLabel[], leaf: string) =>
  fieldLabels.filter((f) => leaf === f.path || leaf.startsWith(`${f.path}.`));

describe(`releasability policy, ${RUNS} random cases per property`, () => {
  it('release never reveals a field the viewer may not see and never hides one it may', () => {
    fc.assert(
      fc.property(item, viewer, (it, v) => {
        const out = release(v, it);
        if (!canSee(v, it.label)) return out === null;
        if (!out) return false;
        if ('fieldLabels' in out.value) return false; // field labels are never sent
        for (const leaf of LEAVES) {
          const allowed = governing(it.fieldLabels, leaf).every((f) => canSee(v, f.label));
          if (allowed !== has(out.value, leaf)) return false;
          if (allowed && get(out.value, leaf) !== get(it, leaf)) return false;
        }
        const withheld = new Set<string>(it.fieldLabels.filter((f) => !canSee(v, f.label)).map((f) => f.path));
        return out.redacted.length === withheld.size && out.redacted.every((r) => withheld.has(r.path));
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic: more clearance or a wider release never hides; strangers and the nationless never see', () => {
    fc.assert(
      fc.property(label, viewer, nation, (l, v, extra) => {
        const seen = canSee(v, l);
        const higher = { ...v, clearance: CLASSIFICATIONS[Math.min(3, classificationRank(v.clearance) + 1)]! };
        if (seen && !canSee(higher, l)) return false;
        if (seen && !canSee(v, { ...l, releasableTo: [...l.releasableTo, extra] })) return false;
        if (v.nation === null && seen) return false;
        if (v.nation !== null && v.nation !== l.originator && !l.releasableTo.includes(v.nation) && seen) return false;
        return (
          !(v.nation === l.originator && classificationRank(v.clearance) >= classificationRank(l.classification)) ||
          seen
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('a derived object is never more visible than its inputs; others get the sanitized view or nothing', () => {
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        nation,
        viewer,
        label,
        (inputs, owner, v, sanitizedLabel) => {
          const l = derivedLabel(owner, inputs);
          if (l && canSee(v, l) && !inputs.every((i) => canSee(v, i))) return false;
          const out = releaseDerived(v, {
            inputs,
            full: 'full',
            sanitized: { label: sanitizedLabel, value: 'sanitized' },
          });
          if (out?.kind === 'full') return inputs.every((i) => canSee(v, i));
          if (out?.kind === 'sanitized') return canSee(v, sanitizedLabel) && !inputs.every((i) => canSee(v, i));
          return !inputs.every((i) => canSee(v, i)) && !canSee(v, sanitizedLabel);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe(`view as partner, ${RUNS / 10} random cases`, () => {
  const trackArb = fc.record({
    label,
    fieldLabels: fc.uniqueArray(
      fc.record({ path: fc.constantFrom('provenance.sourceId' as const, 'provenance.system' as const), label }),
      { selector: (f) => f.path, maxLength: 2 },
    ),
  });
  it('shows a field only when both the caller and the partner may see it, and nothing of a track the caller may not see', () => {
    fc.assert(
      fc.property(trackArb, viewer, viewer, (t, caller, partner) => {
        const track = {
          id: 'x',
          provenance: { nation: 'POL', system: 'S', sourceId: 'I', observedAt: '', publishedAt: '' },
          ...t,
        } as unknown as Track;
        const out = releaseTrackAsSeenBy(caller, partner, track);
        if (!canSee(caller, t.label)) return out === null;
        if (!out) return false;
        if (out.visible !== canSee(partner, t.label)) return false;
        if (!out.track) return !out.visible;
        for (const path of ['sourceId', 'system'] as const) {
          const fl = t.fieldLabels.find((f) => f.path === `provenance.${path}`);
          const both = !fl || (canSee(caller, fl.label) && canSee(partner, fl.label));
          if (path in out.track.provenance !== both) return false;
        }
        return true;
      }),
      { numRuns: RUNS / 10 },
    );
  });
});

describe('policy examples', () => {
  const pol: Label = { policy: 'NATO', classification: 'RESTRICTED', originator: 'POL', releasableTo: ['UKR'] };
  it('redacts a national field of a shared track and says what would release it', () => {
    const track = {
      label: pol,
      fieldLabels: [{ path: 'provenance.sourceId', label: { ...pol, releasableTo: [] } }],
      provenance: { sourceId: 'pol-radar-1', system: 'POL-FUSION' },
    };
    expect(release({ nation: 'UKR', clearance: 'SECRET' }, track)).toEqual({
      value: { label: pol, provenance: { system: 'POL-FUSION' } },
      redacted: [{ path: 'provenance.sourceId', classification: 'RESTRICTED', releasableTo: ['POL'] }],
    });
    expect(release({ nation: 'POL', clearance: 'RESTRICTED' }, track)?.value.provenance).toEqual({
      sourceId: 'pol-radar-1',
      system: 'POL-FUSION',
    });
    expect(release({ nation: 'DEU', clearance: 'SECRET' }, track)).toBeNull();
  });
  it('labels a conflict between a POL and a UKR reservation for their common audience only', () => {
    const ukr: Label = {
      policy: 'NATO',
      classification: 'CONFIDENTIAL',
      originator: 'UKR',
      releasableTo: ['POL', 'DEU'],
    };
    expect(derivedLabel('POL', [pol, ukr])).toEqual({
      policy: 'NATO',
      classification: 'CONFIDENTIAL',
      originator: 'POL',
      releasableTo: ['UKR'],
    });
    expect(
      derivedLabel('POL', [
        { ...pol, releasableTo: [] },
        { ...ukr, releasableTo: [] },
      ]),
    ).toBeNull();
  });
});
