import { z } from 'zod';

/** ISO 3166-1 alpha-3 nation code, e.g. POL. */
export const NationCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 nation code such as POL');
export type NationCode = z.infer<typeof NationCode>;

/** Ordered from least to most protected: the order is the rule, so it lives here once. */
export const CLASSIFICATIONS = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'] as const;
export const Classification = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof Classification>;

export function classificationRank(c: Classification): number {
  return CLASSIFICATIONS.indexOf(c);
}

/** Confidentiality label modelled on STANAG 4774 (see docs/DOMAIN.md, "Confidentiality label"). */
export const Label = z.object({
  policy: z.union([z.literal('NATO'), NationCode]),
  classification: Classification,
  originator: NationCode,
  /** Nations besides the originator that may see the object; empty means originator only. */
  releasableTo: z.array(NationCode),
});
export type Label = z.infer<typeof Label>;

/** A label on one field of an object (dot path), stricter than the object's own label. */
export const FieldLabel = z.object({
  path: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, 'must be a dot path such as provenance.sourceId'),
  label: Label,
});
export type FieldLabel = z.infer<typeof FieldLabel>;
