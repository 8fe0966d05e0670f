import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART_SETTINGS } from '../../src/shared/analytics/dashboard';
import { planActorMerge } from '../../src/shared/domain/actor-merge';
import type { CaseDocument } from '../../src/shared/domain/case';
import type { Event } from '../../src/shared/domain/event';
import { ReportBody, type BodyNode } from '../../src/shared/domain/written-report';
import { figureNumbers } from '../../src/shared/report/authoring/body-walk';
import { checkCaseOf, checkReport } from '../../src/shared/report/authoring/check';
import { computeFacts, FactSpec } from '../../src/shared/report/authoring/fact-spec';
import { figureSpec } from '../../src/shared/report/authoring/figure-spec';
import { LIVE_NODE_COMPILERS } from '../../src/shared/report/authoring/live-node-compilers';
import type { LiveNodeContext } from '../../src/shared/report/authoring/live-nodes';
import { plainActor, plainEvent, plainSource } from '../helpers/records';

const year = (v: string) => ({ value: v, precision: 'year' as const });
const attack = (id: string, date: string, country: string, dead: number, extra: Partial<Event> = {}): Event =>
  plainEvent(id, `Attack ${id}`, { date: { value: date, precision: 'day' }, location: { country, geoPrecision: 'country' }, fatalities: { min: dead, max: dead + 2 }, marking: 'TLP:CLEAR', ...extra });

const EVENTS: Event[] = [
  attack('event--a1', '2021-03-01', 'AF', 3),
  attack('event--a2', '2021-07-09', 'AF', 5),
  attack('event--a3', '2022-01-15', 'PK', 1),
  attack('event--a4', '2021-05-05', 'IR', 10, { scope: 'external' }),
];
const SERIES = [{ id: 'series--claimed', title: 'Claimed', measure: 'claimed attacks', unit: 'attacks', points: [{ period: year('2021'), value: 353 }, { period: year('2022'), until: year('2023'), value: 75, label: 'total' }], marking: 'TLP:CLEAR' as const, citations: [] }];

const fact = (spec: object, confirmedValue: number | null = null): BodyNode => ({ type: 'fact', attrs: { spec: JSON.stringify(spec), confirmedValue, confirmedAt: confirmedValue === null ? null : '2024-06-01T00:00:00Z', marking: null } });
const figure = (id: string, spec = figureSpec('events-by-year-place')): BodyNode => ({ type: 'figure', attrs: { id, spec: JSON.stringify(spec), caption: `Caption of ${id}`, sourceLine: 'Source: the case', marking: null } });
const ref = (figureId: string): BodyNode => ({ type: 'figureRef', attrs: { figureId } });
const cite = (kind: string, recordId: string): BodyNode => ({ type: 'citation', attrs: { kind, recordId, locator: null, label: recordId } });
const para = (...content: BodyNode[]): BodyNode => ({ type: 'paragraph', content });
const doc = (...content: BodyNode[]): BodyNode => ReportBody.parse({ type: 'doc', content });

const AF_2021 = { measure: 'events', filter: { from: year('2021'), to: year('2021'), countries: ['AF'] } };

function caseOf(events: Event[]): Pick<CaseDocument, 'events' | 'series' | 'sources' | 'actors' | 'history'> {
  return { events, series: SERIES, sources: [plainSource('source--kept', 'Kept')], actors: [plainActor('actor--a', 'A'), plainActor('actor--b', 'B')], history: [] };
}

describe('living numbers', () => {
  it('count events, sum fatalities and read a series point under their filters', () => {
    const specs = [AF_2021, { measure: 'fatalities', filter: { from: year('2021'), to: year('2021') } }, { measure: 'fatalities', filter: { countries: ['AF'] }, bound: 'max' }, { measure: 'series', seriesId: 'series--claimed', period: '2021' }, { measure: 'series', seriesId: 'series--claimed', period: '2022', until: '2023', label: 'total' }, { measure: 'series', seriesId: 'series--claimed', period: '2020' }].map((s) => FactSpec.parse(s));
    expect(computeFacts(specs, EVENTS, SERIES)).toEqual([2, 18, 12, 353, 75, undefined]);
  });

  it('a confirmed fact is listed by the check once an edit changes its value, and not before', () => {
    const body = doc(para({ type: 'text', text: 'Attacks: ' }, fact(AF_2021, 2)));
    expect(checkReport(body, checkCaseOf(caseOf(EVENTS)))).toEqual([]);
    const edited = EVENTS.map((e) => (e.id === 'event--a3' ? { ...e, location: { country: 'AF', geoPrecision: 'country' as const }, date: { value: '2021-09-01', precision: 'day' as const } } : e));
    const items = checkReport(body, checkCaseOf(caseOf(edited)));
    expect(items).toEqual([expect.objectContaining({ kind: 'stale-fact', node: 'fact', ordinal: 0 })]);
    expect(items[0]!.message).toContain('confirmed as 2; the case now gives 3');
  });

  it('an unconfirmed fact and a fact whose series point is gone are listed', () => {
    const body = doc(para(fact(AF_2021), fact({ measure: 'series', seriesId: 'series--claimed', period: '2021' }, 353)));
    const items = checkReport(body, checkCaseOf({ ...caseOf(EVENTS), series: [] }));
    expect(items.map((i) => [i.kind, i.ordinal])).toEqual([['unconfirmed-fact', 0], ['stale-fact', 1]]);
  });
});

describe('check the draft: citations and figures', () => {
  it('lists citations of deleted records, and says where a merged actor went', () => {
    const c = caseOf(EVENTS);
    const merge = planActorMerge({ actors: c.actors, relationships: [], series: [], events: [] }, 'actor--a', 'actor--b');
    const history = [{ seq: 2, at: '2024-06-01T00:00:00Z', by: 't', summary: merge.summary, kind: 'edit' as const, changes: merge.changes }];
    const body = doc(para(cite('sources', 'source--kept'), cite('sources', 'source--gone'), cite('actors', 'actor--b'), cite('events', 'event--a1')));
    const items = checkReport(body, checkCaseOf({ ...c, actors: [merge.merged], history }));
    expect(items.map((i) => [i.kind, i.ordinal])).toEqual([['broken-citation', 1], ['broken-citation', 2]]);
    expect(items[0]!.message).toContain('deleted');
    expect(items[1]!.message).toContain('merged into another actor (actor--a)');
  });

  it('lists a figure whose filter selects nothing, and a cross-reference to a figure the report no longer has', () => {
    const empty = figureSpec('events-by-year-place', DEFAULT_CHART_SETTINGS, { countries: ['NO'] });
    const body = doc(figure('figure--full'), figure('figure--empty', empty), para(ref('figure--full'), ref('figure--deleted')));
    const items = checkReport(body, checkCaseOf(caseOf(EVENTS)));
    expect(items.map((i) => [i.kind, i.node, i.ordinal])).toEqual([['empty-figure', 'figure', 1], ['dangling-figure-ref', 'figureRef', 1]]);
  });
});

describe('compilers of figures, cross-references and facts', () => {
  const body = doc(figure('figure--one'), para(ref('figure--two'), { type: 'text', text: ' shows ' }, fact(AF_2021, 2)), figure('figure--two', figureSpec('series')), figure('figure--map', figureSpec('map')));
  const numbers = figureNumbers(body);
  const ctx = (events: Event[]): LiveNodeContext => ({ input: { caseName: 'c', events, actors: [], sources: [], series: SERIES }, maxMarking: 'TLP:RED', now: new Date(), figureNumber: (id) => numbers.get(id), cite: () => [] });
  const nodes = body.content!;

  it('numbers figures in reading order and a reference reads the number of the figure it follows', () => {
    expect([...numbers]).toEqual([['figure--one', 1], ['figure--two', 2], ['figure--map', 3]]);
    const moved = doc(nodes[2]!, nodes[0]!, nodes[1]!);
    const renumbered = figureNumbers(moved);
    expect(LIVE_NODE_COMPILERS['figureRef']!.inline!(ref('figure--two'), { ...ctx(EVENTS), figureNumber: (id) => renumbered.get(id) })).toEqual([{ text: 'Figure 1' }]);
    expect(LIVE_NODE_COMPILERS['figureRef']!.inline!(ref('figure--gone'), ctx(EVENTS))).toEqual([{ text: '[figure not included]' }]);
  });

  it('a figure compiles to its chart drawn from the case, "Figure n. caption" and its source line', () => {
    const { blocks } = LIVE_NODE_COMPILERS['figure']!.block!(nodes[2]!, ctx(EVENTS));
    expect(blocks[0]).toMatchObject({ type: 'chart', chart: { id: 'series', categories: ['2021', '2022', '2023'] } });
    expect(blocks[1]).toEqual({ type: 'paragraph', role: 'caption', runs: [{ text: 'Figure 2.', strong: true }, { text: ' Caption of figure--two' }] });
    expect(blocks[2]).toEqual({ type: 'paragraph', runs: [{ text: 'Source: the case' }] });
    const chart = LIVE_NODE_COMPILERS['figure']!.block!(nodes[0]!, ctx(EVENTS)).blocks[0] as { type: 'chart'; chart: { series: Array<{ values: number[] }> } };
    expect(chart.chart.series.flatMap((s) => s.values).reduce((a, b) => a + b, 0)).toBe(4);
    expect(LIVE_NODE_COMPILERS['figure']!.block!(nodes[3]!, ctx(EVENTS)).blocks[0]).toMatchObject({ type: 'map', map: { scope: 'world' } });
  });

  it('a fact compiles to its value in the case the export may show, not the confirmed one', () => {
    const f = nodes[1]!.content![2]!;
    expect(LIVE_NODE_COMPILERS['fact']!.inline!(f, ctx(EVENTS))).toEqual([{ text: '2' }]);
    expect(LIVE_NODE_COMPILERS['fact']!.inline!(f, ctx(EVENTS.slice(1)))).toEqual([{ text: '1' }]);
  });
});
