import { z } from 'zod';
import { Marking } from '../domain/marking';
import { CHART_IDS } from '../analytics/chart-data';
import { DEFAULT_CHART_SETTINGS } from '../analytics/dashboard';
import { defaultMapScope, MAP_SCOPES } from '../analytics/map-model';
import { ChartSettingsSchema } from '../analytics/schemas';

export const SECTION_KINDS = ['title', 'summary', 'charts', 'map', 'timeline', 'actors', 'events', 'ach', 'sources'] as const;
export const SectionKind = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof SectionKind>;

export const SECTION_LABELS: Record<SectionKind, string> = {
  title: 'Title page',
  summary: "Analyst's summary",
  charts: 'Charts',
  map: 'Map',
  timeline: 'Timeline excerpt',
  actors: 'Actor profiles',
  events: 'Events table',
  ach: 'Competing hypotheses (ACH)',
  sources: 'Sources and notes',
};

/** What a report contains and in which order: the builder's state, the CLI's --template, the IPC request. */
export const ReportTemplate = z
  .object({
    title: z.string().min(1).max(300),
    subtitle: z.string().max(500).optional(),
    author: z.string().max(200).optional(),
    /** The analyst's own words, shown as written (plain text, paragraphs split on blank lines). */
    summary: z.string().max(50_000),
    /** Records marked above this are left out, and the report lists them. */
    maxMarking: Marking,
    /** Sections in order; only enabled ones are written. */
    sections: z.array(z.object({ kind: SectionKind, enabled: z.boolean() }).strict()).max(20),
    charts: z.array(z.enum(CHART_IDS)).max(10),
    chartSettings: ChartSettingsSchema,
    mapScope: z.enum(MAP_SCOPES),
    /** Most events in the timeline excerpt (the latest ones). */
    timelineLimit: z.number().int().min(1).max(10_000),
    /** The ACH matrices the "ach" section shows, in this order; absent: every matrix. */
    matrixIds: z.array(z.string().max(200)).max(100).optional(),
  })
  .strict();
export type ReportTemplate = z.infer<typeof ReportTemplate>;

export const TEMPLATE_NAMES = ['default', 'brief', 'full'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The built-in templates (the map fits the case's `countries`, see defaultMapScope). default and full: every section (the ACH section only when the case has matrices); brief: summary, charts, sources. */
export function builtInTemplate(name: TemplateName, caseName: string, countries: readonly string[] = []): ReportTemplate {
  const all = (enabled: (k: SectionKind) => boolean) => SECTION_KINDS.map((kind) => ({ kind, enabled: enabled(kind) }));
  const base: ReportTemplate = {
    title: caseName,
    subtitle: 'Case report',
    summary: '',
    maxMarking: 'TLP:GREEN',
    sections: all(() => true),
    charts: ['events-by-year-place', 'fatalities-by-province', 'monthly-measures', 'seasonal-pattern'],
    chartSettings: { ...DEFAULT_CHART_SETTINGS, seriesIds: [] },
    mapScope: defaultMapScope(countries),
    timelineLimit: 25,
  };
  if (name === 'brief') return { ...base, sections: all((k) => ['title', 'summary', 'charts', 'sources'].includes(k)), charts: ['events-by-year-place', 'series'] };
  if (name === 'full') return { ...base, charts: [...CHART_IDS], timelineLimit: 10_000 };
  return base;
}
