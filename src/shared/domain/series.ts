import { z } from 'zod';
import { Citation } from './citation';
import { Id } from './ids';
import { Marking } from './marking';
import { PartialDate } from './partial-date';

export const SeriesPoint = z
  .object({
    period: PartialDate,
    /** For a total over several periods (e.g. 2022–2023 combined): the last period it covers. */
    until: PartialDate.optional(),
    value: z.number(),
    /** Free words for a point that stands for a sub-group, e.g. a province. */
    label: z.string().max(200).optional(),
  })
  .strict();
export type SeriesPoint = z.infer<typeof SeriesPoint>;

/** Sourced aggregate figures for facts that exist only as counts (e.g. claimed attacks per year). */
export const Series = z
  .object({
    id: Id,
    title: z.string().min(1).max(500),
    measure: z.string().min(1).max(200),
    unit: z.string().max(50),
    actorId: Id.optional(),
    points: z.array(SeriesPoint),
    marking: Marking,
    citations: z.array(Citation),
  })
  .strict();
export type Series = z.infer<typeof Series>;
