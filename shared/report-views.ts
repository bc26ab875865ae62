/** The contract's shapes for the Reports page. */
import { z } from 'zod';
import { isIsoDate } from './dates';
import { FIGURES, TREND_FIGURES, type FigureKey, type TrendKey } from './report-definitions';
import { EQUALITY_DIMENSIONS, type EqualityDimension } from './equality-words';

const counts = z.record(z.string(), z.number());
export const figuresSchema = z.object({
  ...(Object.fromEntries(FIGURES.map((f) => [f.key, z.number().nullable()])) as Record<FigureKey, z.ZodNullable<z.ZodNumber>>),
  overdue_by_timer: counts,
  contacts_by_method: counts,
  contacts_by_outcome: counts,
});

const breakdownSchema = z.object(Object.fromEntries(EQUALITY_DIMENSIONS.map((d) => [d, counts])) as Record<EqualityDimension, typeof counts>);

export const summarySchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  scope: z.string(),
  team: figuresSchema,
  /** Victims offered support and engaged, by sex, ethnicity, disability, relationship and age band; null for a merged view. */
  equality: z.object({ offered: breakdownSchema, engaged: breakdownSchema }).nullable(),
  workers: z.array(figuresSchema.extend({ worker: z.string() })),
  trend: z.array(
    z.object({
      month: z.string(),
      ...(Object.fromEntries(TREND_FIGURES.map((t) => [t.key, z.number().nullable()])) as Record<TrendKey, z.ZodNullable<z.ZodNumber>>),
    }),
  ),
});

const date = (label: string) => z.string().refine(isIsoDate, `Enter the ${label} as a real date`);
export const reportQuerySchema = z
  .object({
    from: date('first day'),
    to: date('last day'),
    scope: z.enum(['mine', 'team', 'worker', 'office']).default('team'),
    workerId: z.number().int().positive().optional(),
    /** With scope "office": that office's cases (model v2 §6). */
    officeId: z.number().int().positive().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day must be the same as or after the first day' });
    if (v.scope === 'office' && v.officeId === undefined) ctx.addIssue({ code: 'custom', path: ['officeId'], message: 'Choose the office' });
  });
