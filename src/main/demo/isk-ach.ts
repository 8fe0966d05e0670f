import { basisOf } from '../../shared/ach/resolve';
import { listLookup, type CitableRecords } from '../../shared/ach/lookup';
import type { AchCell, AchCite, AchMatrix, AchRow, Level, Rating } from '../../shared/domain/ach';
import type { Marking } from '../../shared/domain/marking';

/**
 * The demo case's ACH matrix: who directed the March 2024 attack on the Moscow concert hall. Every
 * row cites the case's own events, claims and sources (or is marked as the analyst's assumption),
 * in the case author's words. The ratings are a worked demonstration, not a finding.
 */

const MATRIX_ID = 'matrix--moscow-2024-who-directed';
const MOSCOW = 'event--2024-03-22-moscow-concert-hall-attack';
const ANALYST = 'Demo analyst';

const H = {
  isk: 'hypothesis--moscow-isk-directed',
  central: 'hypothesis--moscow-is-central-directed',
  inspired: 'hypothesis--moscow-isk-enabled-not-directed',
  state: 'hypothesis--moscow-state-service-used-it',
  other: 'hypothesis--moscow-other-group-false-claim',
} as const;

export const ISK_ACH_MATRICES: AchMatrix[] = [
  {
    id: MATRIX_ID,
    title: 'Who directed the March 2024 attack on the Moscow concert hall?',
    description:
      'The Islamic State claimed the Crocus City Hall attack and most observers point to its Khorasan branch, but how the operation was run, and what part the Islamic State’s central leadership played, is open. ' +
      'This matrix weighs five explanations against what the case holds.',
    hypotheses: [
      { id: H.isk, statement: 'ISK planned it and steered the team from Afghanistan' },
      { id: H.central, statement: 'Islamic State central directed it; ISK at most a channel' },
      { id: H.inspired, statement: 'ISK propaganda and contacts enabled it; no one directed the team' },
      { id: H.state, statement: 'A state security service used or staged it' },
      { id: H.other, statement: 'A group outside the Islamic State did it; the claim is false' },
    ],
    marking: 'TLP:GREEN',
  },
];

type Ratings = [Rating, Rating, Rating, Rating, Rating];

interface RowInput {
  slug: string;
  title: string;
  cites?: AchCite[];
  relevance: Level;
  credibility?: Level;
  ratings: Ratings;
  marking?: Marking;
  notes?: Partial<Record<keyof typeof H, string>>;
}

const claim = (eventId: string, n: number): AchCite => ({ collection: 'events', id: eventId, claimId: `claim--${eventId.replace(/^event--/, '')}-${n}` });
const event = (id: string): AchCite => ({ collection: 'events', id });
const source = (id: string, credibility: number, locator?: string): AchCite => ({ collection: 'sources', id, credibility, ...(locator ? { locator } : {}) });

const ROWS: RowInput[] = [
  {
    slug: 'is-claim',
    title: 'The claim came in the name of the Islamic State itself; the case holds no separate claim by ISK',
    cites: [claim(MOSCOW, 1)],
    relevance: 'high',
    ratings: ['N', 'CC', 'C', 'I', 'I'],
    notes: { isk: 'Provinces usually claim through the centre’s outlets, so this says little either way about ISK.' },
  },
  {
    slug: 'fsb-says-isk',
    title: 'The head of Russia’s FSB said ISK militants directed the operation',
    cites: [claim(MOSCOW, 3), source('source--fsb-bortnikov-2024', 3, 'as quoted in the article, endnote 6')],
    relevance: 'high',
    credibility: 'low',
    ratings: ['CC', 'I', 'I', 'N', 'I'],
    notes: { isk: 'Moscow had reasons of its own to name a foreign-based group; weighed Low for that.' },
  },
  { slug: 'wide-attribution', title: 'Officials and analysts in many countries name ISK as the group behind it', cites: [claim(MOSCOW, 2)], relevance: 'medium', ratings: ['C', 'I', 'C', 'I', 'I'] },
  { slug: 'tajik-attackers', title: 'The gunmen were citizens of Tajikistan with ties to the Islamic State', cites: [event(MOSCOW)], relevance: 'high', ratings: ['C', 'N', 'C', 'N', 'II'] },
  {
    slug: 'kaluga-cell',
    title: 'Weeks earlier Russian forces broke up an ISK cell in Kaluga that was preparing to hit a Moscow synagogue',
    cites: [event('event--2024-03-kaluga-raid-synagogue-plot'), source('source--kz-knb-2024-03-09', 2)],
    relevance: 'medium',
    ratings: ['C', 'N', 'C', 'I', 'N'],
  },
  { slug: 'us-warning', title: 'Washington told Moscow in early March that an Islamic State attack there was possible', cites: [event('event--2024-03-us-warns-russia')], relevance: 'medium', ratings: ['C', 'C', 'N', 'I', 'I'] },
  {
    slug: 'kerman-istanbul',
    title: 'Investigators in Iran and Turkey traced the January 2024 Kerman and Istanbul cells to ISK’s network',
    cites: [claim('event--2024-01-03-kerman-attack', 1), claim('event--2024-01-28-istanbul-attack', 1)],
    relevance: 'medium',
    ratings: ['C', 'N', 'C', 'N', 'I'],
  },
  { slug: 'tajik-magazine', title: 'About a week later ISK started a Tajik magazine attacking Dushanbe for bowing to Moscow', cites: [event('event--2024-03-sadoi-khuroson-magazine-launch')], relevance: 'low', ratings: ['C', 'N', 'C', 'N', 'I'] },
  {
    slug: 'madani',
    title: 'A Tajik preacher followed by ISK’s Central Asians blamed Russian intelligence, and ISK then cast him out',
    cites: [claim(MOSCOW, 4), event('event--2024-isk-takfir-on-madani')],
    relevance: 'medium',
    ratings: ['N', 'N', 'N', 'C', 'N'],
    marking: 'TLP:GREEN',
    notes: { state: 'His claim is the only item in the case that points this way, and its credibility is graded 5.' },
  },
  { slug: 'stockholm', title: 'Germany said that same month that ISK had tasked two men to strike the Swedish parliament', cites: [claim('event--2024-03-19-stockholm-parliament-plot-arrests', 1)], relevance: 'low', ratings: ['C', 'N', 'I', 'NA', 'N'] },
  {
    slug: 'kurilla-networks',
    title: 'The CENTCOM commander judged that ISK had rebuilt networks able to direct as well as inspire attacks abroad',
    cites: [event('event--2024-03-kurilla-doubts-taliban-pressure'), source('source--centcom-kurilla-2024-03', 2)],
    relevance: 'low',
    ratings: ['C', 'N', 'N', 'NA', 'N'],
  },
  {
    slug: 'unknowns',
    title: 'Our main source says the chain of command behind the attack, and the central leadership’s part in it, are still unclear',
    cites: [source('source--ctc-isk-mapping-2024', 2, 'introduction, note a and endnotes 5–6')],
    relevance: 'medium',
    ratings: ['N', 'N', 'N', 'N', 'N'],
  },
  { slug: 'claims-practice', title: 'The Islamic State seldom claims an attack by people it has no link to', relevance: 'medium', ratings: ['C', 'C', 'C', 'I', 'II'] },
  {
    slug: 'tajik-radio',
    title: 'ISK’s Tajik-language radio had spent three years building an audience among Tajiks, some of it in Russian',
    cites: [source('source--sadoi-khuroson-radio', 3)],
    relevance: 'low',
    ratings: ['C', 'N', 'CC', 'N', 'I'],
    marking: 'TLP:AMBER',
  },
];

const ORDER = [H.isk, H.central, H.inspired, H.state, H.other] as const;
const KEYS = ['isk', 'central', 'inspired', 'state', 'other'] as const;

/** The demo rows, each with the basis of the demo case's records, so none starts flagged. */
export function demoAchRows(records: { [C in keyof CitableRecords]: readonly CitableRecords[C][] }): AchRow[] {
  const lookup = listLookup(records);
  return ROWS.map((input, i) => {
    const ratings: Record<string, AchCell> = {};
    ORDER.forEach((id, j) => {
      const note = input.notes?.[KEYS[j] as keyof typeof H];
      ratings[id] = { value: input.ratings[j] as Rating, by: ANALYST, ...(note ? { note } : {}) };
    });
    const row: AchRow = {
      id: `row--moscow-${input.slug}`,
      matrixId: MATRIX_ID,
      title: input.title,
      kind: input.cites ? 'evidence' : 'assumption',
      cites: input.cites ?? [],
      relevance: input.relevance,
      ...(input.credibility ? { credibility: input.credibility } : {}),
      ratings,
      position: i + 1,
      marking: input.marking ?? 'TLP:CLEAR',
    };
    return { ...row, basis: basisOf(row, lookup) };
  });
}
