import { z } from 'zod';
import { IMPRECISION_POLICIES } from './imprecision';

/**
 * The chart builder's settings: what to measure, along which dimension, stacked by which. Plain
 * data checked by a zod schema, so a report figure can hold one and redraw it from the case.
 */

/** What a builder chart adds up: events, their lowest reported fatalities, or one sourced series. */
export const BUILDER_MEASURES = ['events', 'fatalities', 'series'] as const;
export type BuilderMeasure = (typeof BUILDER_MEASURES)[number];

/** The groupings a builder chart offers, for its axis and for its stacks. */
export const BUILDER_DIMENSIONS = ['year', 'month', 'season', 'country', 'admin1', 'actor', 'category', 'event-type'] as const;
export type BuilderDimension = (typeof BUILDER_DIMENSIONS)[number];

/** Dimensions made from the date: the only ones a series (figures per period) has. */
export const TIME_DIMENSIONS: readonly BuilderDimension[] = ['year', 'month', 'season'];

export const BUILDER_MEASURE_LABELS: Record<BuilderMeasure, string> = {
  events: 'Events',
  fatalities: 'Fatalities (lowest reported)',
  series: 'A sourced series',
};

export const BUILDER_DIMENSION_LABELS: Record<BuilderDimension, string> = {
  year: 'Year',
  month: 'Month',
  season: 'Calendar month (season)',
  country: 'Country',
  admin1: 'Admin-1 area',
  actor: 'Actor',
  category: 'Category',
  'event-type': 'Event type',
};

/** Most groups along the axis and most stacks a builder chart draws (ChartDataSchema's bounds): time is never folded, so dates spanning centuries or a stack by month over decades draw nothing and say why. */
export const MAX_BUILDER_CATEGORIES = 5_000;
export const MAX_BUILDER_STACKS = 200;

/** Most groups drawn along the axis or in the stacks when none is chosen; the rest fold into "Other". */
export const DEFAULT_BUILDER_LIMIT = 10;

export const BuilderSpecSchema = z
  .object({
    measure: z.enum(BUILDER_MEASURES),
    /** The series drawn when the measure is 'series'. */
    seriesId: z.string().min(1).max(200).optional(),
    dimension: z.enum(BUILDER_DIMENSIONS),
    /** Stacks within each bar; absent: one bar per group. */
    stackBy: z.enum(BUILDER_DIMENSIONS).optional(),
    policy: z.enum(IMPRECISION_POLICIES),
    /** Most groups kept (axis and stacks), the rest folded into "Other"; time axes are never folded. */
    limit: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export type BuilderSpec = z.infer<typeof BuilderSpecSchema>;

export const DEFAULT_BUILDER_SPEC: BuilderSpec = { measure: 'events', dimension: 'year', policy: 'spread' };
