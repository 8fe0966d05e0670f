import type { Citation } from '../../shared/domain/citation';
import type { Confidence } from '../../shared/domain/event';
import type { Marking } from '../../shared/domain/marking';
import { partialDate } from '../../shared/domain/partial-date';
import type { Relationship, RelationshipType } from '../../shared/domain/relationship';
import { cite } from './isk-sources';

interface RelOptions {
  from?: string;
  fromApprox?: boolean;
  to?: string;
  description?: string;
  marking?: Marking;
}

/** source --type--> target, both given as actor slugs without the 'actor--' prefix. */
function rel(
  source: string,
  type: RelationshipType,
  target: string,
  confidence: Confidence,
  citations: Citation[],
  options: RelOptions = {},
): Relationship {
  const typeSlug = type.replace(/^custom:/, '').replace(/ /g, '-');
  const out: Relationship = {
    id: `relationship--${source}.${typeSlug}.${target}`,
    type,
    sourceActorId: `actor--${source}`,
    targetActorId: `actor--${target}`,
    confidence,
    marking: options.marking ?? 'TLP:CLEAR',
    citations,
  };
  if (options.from !== undefined) out.from = partialDate(options.from, options.fromApprox);
  if (options.to !== undefined) out.to = partialDate(options.to);
  if (options.description !== undefined) out.description = options.description;
  return out;
}

const INTRO = 'introduction, endnote 1';
const BAJAUR = 'section "Exploiting Environmental Factors", endnote 54';
const CRACKDOWN = 'section "Overview of Attacks", endnote 30';
const MEDIA = 'section "ISK’s Propaganda and Recruitment Strategy"';
const NARR = 'section "Localized Narratives"';
const SPEAKERS = `${NARR}, endnotes 82–83`;
const BRIDGES = 'section "Ideological Bridges with Zero Tolerance for Disagreement"';
const HIJRAH = 'section "Hijrah or External Operations", endnotes 89–90';
const ENV = 'section "Exploiting Environmental Factors"';

export const ISK_RELATIONSHIPS: Relationship[] = [
  // Organisational lineage
  rel('isk', 'affiliate-of', 'islamic-state', 'high', [cite(INTRO, 1)], { from: '2015', description: 'Official Islamic State affiliate for the Afghanistan–Pakistan region since 2015.' }),
  rel('isk', 'custom:drew recruits from', 'ttp', 'high', [cite(INTRO, 2)], { from: '2015', fromApprox: true, description: 'Disaffected Pakistani Taliban were among the first recruits.' }),
  rel('isk', 'custom:drew recruits from', 'taliban', 'high', [cite(INTRO, 2)], { from: '2015', fromApprox: true, description: 'Disaffected Afghan Taliban were among the first recruits.' }),
  rel('isk', 'custom:drew recruits from', 'al-qaida', 'high', [cite(INTRO, 2)], { from: '2015', fromApprox: true, description: 'Former al-Qa`ida members joined early on.' }),
  rel('imu', 'custom:members defected to', 'isk', 'high', [cite(`${NARR}, endnote 78`, 2)], { from: '2015' }),
  rel('isk-tajik-contingent', 'member-of', 'isk', 'high', [cite('section "The Tajik Contingent in ISK’s External Operations"', 2)], {
    description: 'Leading unit of ISK’s external operations.',
  }),

  // Enmities and targeting
  rel('taliban', 'targeted', 'isk', 'high', [cite(`${NARR}, endnote 78`, 2), cite('section "Overview of Attacks", endnote 28', 2)], {
    from: '2015',
    description: 'From attacks on IMU defectors in 2015 to the 2022–2023 campaign of raids and leadership killings.',
  }),
  rel('isk', 'targeted', 'taliban', 'high', [cite('section "Down But Not Out", endnote 36', 2)], { description: 'Attacks on Taliban officials, commanders and strongholds such as Kandahar.' }),
  rel('isk', 'condemned', 'taliban', 'high', [cite(`${ENV}, endnotes 47–49`, 2)], {
    description: 'Propaganda paints the Taliban as trading religion for power: lax sharia, ties with non-Muslim states, tolerance of foreign organisations, silence on China.',
  }),
  rel('isk', 'targeted', 'jui-f', 'high', [cite('section "Al-Muhajir’s Strategy to Adapt and Rebuild", endnote 68', 2)], {
    to: '2023-07',
    description: 'Long series of assassinations of JUI-F scholars ending in the July 2023 Khar bombing.',
  }),
  rel('isk', 'targeted', 'pdpt', 'low', [cite('section "Regional Targets", endnote 96', 3)], {
    from: '2024-01',
    to: '2024-01',
    description: 'Suspected only: a law-enforcement source linked ISK members to the January 2024 bombing.',
    marking: 'TLP:AMBER',
  }),
  rel('isk', 'targeted', 'daud-muzamil', 'high', [cite('section "Overview of Attacks", endnote 29', 2)], { from: '2023', to: '2023' }),
  rel('isk', 'targeted', 'pakistan-government', 'high', [cite('section "Al-Muhajir’s Strategy to Adapt and Rebuild", endnote 66', 2)], {
    from: '2022',
    to: '2022',
    description: 'Sniper attack on Pakistan’s chargé d’affaires in Kabul.',
  }),
  rel('isk', 'condemned', 'emomali-rahmon', 'high', [cite(`${NARR}, endnote 80`, 2)], { from: '2024', description: 'Sadoi Khuroson magazine attacks his governance and subservience to Russia.' }),
  // GREEN like the takfir event it summarises.
  rel('isk', 'condemned', 'abu-muhammad-madani', 'high', [cite(`${BRIDGES}, notes j–k, endnote 88`, 2)], { from: '2024', description: 'Takfir after he linked the Moscow attack to Russian intelligence.', marking: 'TLP:GREEN' }),
  rel('isk', 'condemned', 'aminullah-peshawari', 'medium', [cite(`${BRIDGES}, note i`, 2)], { description: 'Dropped once he moved away from ISK ideologically.' }),
  rel('abu-muhammad-madani', 'custom:religious reference for', 'isk-tajik-contingent', 'medium', [cite(`${BRIDGES}, note h`, 2)], {
    to: '2024',
    description: 'A leading source of religious guidance for ISK’s Central Asian members until the 2024 break.',
    marking: 'TLP:AMBER',
  }),
  rel('ttp', 'targeted', 'pakistan-government', 'medium', [cite(`${ENV}, endnote 50`, 2)], { description: 'As Pakistan alleges: attacks launched from Afghan soil.' }),
  rel('taliban', 'custom:trades accusations with', 'pakistan-government', 'high', [cite(`${ENV}, endnotes 50–51 and 57`, 2)], {
    description: 'Pakistan accuses the Taliban over the TTP; the Taliban say ISK uses Pakistani territory and Pakistan’s reintegration policy.',
  }),

  // Leaders and members
  rel('sanaullah-ghafari', 'leader-of', 'isk', 'high', [cite('section "Overview of Attacks", endnote 20', 2)], { description: 'Current leader (as of the article).' }),
  rel('abu-saeed-muhajir', 'leader-of', 'isk', 'high', [cite(BAJAUR, 2)], { description: 'Former emir, now dead.' }),
  rel('abu-umar-khorasani', 'leader-of', 'isk', 'high', [cite(BAJAUR, 2)], { description: 'Former emir, now dead.' }),
  rel('abu-saeed-muhajir', 'member-of', 'isk', 'high', [cite(BAJAUR, 2)], { from: '2014' }),
  rel('abu-umar-khorasani', 'member-of', 'isk', 'high', [cite(BAJAUR, 2)], { from: '2014' }),
  rel('sheikh-jalaluddin', 'member-of', 'isk', 'high', [cite(BAJAUR, 2)], { from: '2014', description: 'Senior religious leader.' }),
  rel('abu-saad-muhammad-khorasani', 'member-of', 'isk', 'high', [cite(BAJAUR, 2)], { from: '2014', to: '2023', description: 'Senior religious leader.' }),
  rel('sheikh-jalaluddin', 'custom:brother of', 'abu-saad-muhammad-khorasani', 'high', [cite(BAJAUR, 2)]),
  rel('abu-saad-muhammad-khorasani', 'killed-by', 'taliban', 'high', [cite(CRACKDOWN, 2)], { from: '2023' }),
  rel('qari-fateh-kawtar', 'member-of', 'isk', 'high', [cite(CRACKDOWN, 2)], { to: '2023' }),
  rel('qari-fateh-kawtar', 'killed-by', 'taliban', 'high', [cite(CRACKDOWN, 2)], { from: '2023' }),
  rel('qais-laghmani', 'member-of', 'isk', 'high', [cite(CRACKDOWN, 2)], { to: '2023' }),
  rel('qais-laghmani', 'killed-by', 'taliban', 'high', [cite(CRACKDOWN, 2)], { from: '2023' }),
  rel('abu-muhammad-tajiki', 'member-of', 'isk', 'high', [cite(SPEAKERS, 2)]),
  rel('julaybib-kabuli', 'member-of', 'isk', 'high', [cite(SPEAKERS, 2)]),
  rel('yusuf-tajiki', 'custom:founder of', 'isk-tajik-media-cell', 'high', [cite(SPEAKERS, 2)]),
  rel('isk-tajik-media-cell', 'member-of', 'isk', 'high', [cite(SPEAKERS, 2)]),
  rel('abu-osama-noraki', 'recruited-for', 'isk', 'high', [cite(SPEAKERS, 2)], { description: 'Recruitment material aimed at Central Asians.', marking: 'TLP:AMBER' }),
  rel('abu-muhajir-tajik', 'recruited-for', 'isk', 'high', [cite(SPEAKERS, 2)], { description: 'Recruitment material aimed at Central Asians.', marking: 'TLP:AMBER' }),
  rel('asadulloh-urganchiy', 'defected-from', 'imu', 'high', [cite(HIJRAH, 2)]),
  rel('asadulloh-urganchiy', 'member-of', 'isk', 'high', [cite(HIJRAH, 2)], { description: 'Commander; media officer for Uzbek-language production.' }),
  rel('asadulloh-urganchiy', 'ideologue-of', 'isk', 'medium', [cite(HIJRAH, 2)], { description: 'His sermons are widely shared.' }),
  rel('abu-muhammad-uzbeki', 'defected-from', 'imu', 'high', [cite(HIJRAH, 2)]),
  rel('abu-muhammad-uzbeki', 'member-of', 'isk', 'high', [cite(HIJRAH, 2)], { description: 'Commander; served as a doctor.' }),
  rel('jafar-uzbek-militant', 'member-of', 'isk', 'medium', [cite(`${NARR}, endnote 85`, 3)], { description: 'As presented by ISK’s own Xuroson Ovozi.' }),
  rel('jafar-uzbek-militant', 'custom:former follower of', 'abdulloh-zufar', 'medium', [cite(`${NARR}, endnote 86`, 3)], { description: 'By his own account in ISK media.' }),
  rel('daud-muzamil', 'member-of', 'taliban', 'high', [cite('section "Overview of Attacks", endnote 29', 2)]),

  // Preachers whose sermons ISK channels spread (not ISK members as far as the article says)
  ...['mustafa-darwishzadeh', 'obaidullah-mutawakkil', 'abdul-zahir-dai', 'omar-salahuddin'].map((scholar) =>
    rel(scholar, 'custom:sermons shared by', 'isk', 'high', [cite(`${BRIDGES}, endnote 87`, 2)], {
      description: 'ISK’s Central Asian and Dari/Farsi channels circulate his sermons.',
    }),
  ),

  // Media structure
  rel('al-azaim', 'media-arm-of', 'isk', 'high', [cite(`${MEDIA}, endnote 76`, 2)], { description: 'Official media arm.' }),
  rel('voice-of-khurasan', 'custom:published by', 'al-azaim', 'high', [cite(HIJRAH, 2)]),
  rel('voice-of-khurasan', 'media-arm-of', 'isk', 'high', [cite(HIJRAH, 2)]),
  rel('khorasan-ghag', 'media-arm-of', 'isk', 'high', [cite(`${MEDIA}, note d`, 2)]),
  rel('sadoi-khorasan-farsi', 'custom:language version of', 'khorasan-ghag', 'high', [cite(`${MEDIA}, note d`, 2)]),
  rel('sadoi-khuroson', 'custom:language version of', 'khorasan-ghag', 'high', [cite(`${NARR}, endnote 81`, 2)], { from: '2021-05' }),
  rel('sadoi-khuroson', 'media-arm-of', 'isk', 'high', [cite(`${MEDIA}, endnote 74`, 2)], { from: '2021-05' }),
  rel('sadoi-khuroson-magazine', 'custom:language version of', 'khorasan-ghag', 'high', [cite(`${NARR}, endnote 80`, 2)], { from: '2024-03' }),
  rel('sadoi-khuroson-magazine', 'media-arm-of', 'isk', 'high', [cite(`${NARR}, endnote 80`, 2)], { from: '2024-03' }),
  rel('xuroson-ovozi', 'custom:language version of', 'khorasan-ghag', 'high', [cite(`${NARR}, endnote 84`, 2)]),
  rel('al-azaim-uzbek-branch', 'member-of', 'al-azaim', 'high', [cite(`${MEDIA}, endnote 76`, 2)]),
  rel('al-azaim-tajik-branch', 'member-of', 'al-azaim', 'high', [cite(`${MEDIA}, endnote 76`, 2)]),
  rel('al-azaim-uzbek-branch', 'custom:merged into', 'al-azaim-tajik-branch', 'medium', [cite(`${MEDIA}, endnote 76`, 2)], { description: 'A gradual merger.' }),
  rel('al-azaim-uzbek-branch', 'custom:distributes through', 'ilam-foundation', 'medium', [cite(`${MEDIA}, note e`, 2)]),
  rel('amaq', 'media-arm-of', 'islamic-state', 'high', [cite('introduction, endnote 11', 2)]),
  rel('al-naba', 'media-arm-of', 'islamic-state', 'high', [cite('section "Al-Muhajir’s Strategy to Adapt and Rebuild", endnote 70', 2)]),
  rel('al-mirsad', 'media-arm-of', 'taliban', 'high', [cite(`${ENV}, endnote 46`, 2)]),

  // State bodies
  rel('iea-gdi', 'member-of', 'taliban', 'high', [cite('section "Overview of Attacks", endnote 28', 2)], { description: 'Intelligence and special forces of the Taliban government.' }),
  rel('alexander-bortnikov', 'leader-of', 'fsb', 'high', [cite('introduction, endnote 6', 2)]),
  rel('christopher-wray', 'leader-of', 'fbi', 'high', [cite('introduction, endnote 14', 2)]),
  rel('michael-kurilla', 'leader-of', 'uscentcom', 'high', [cite('introduction, endnote 15', 2)]),
  rel('iea-gdi', 'targeted', 'isk', 'high', [cite('section "Overview of Attacks", endnote 28', 2)], {
    from: '2022',
    to: '2023',
    description: '75 operations over 2022–2023 according to ACLED.',
  }),
  rel('german-law-enforcement', 'custom:arrested members of', 'isk', 'high', [cite('section "Western Targets", endnotes 100–104', 2)], {
    from: '2020',
    description: 'Arrests in 2020, July 2023, December 2023 and March 2024.',
  }),
  rel('austrian-authorities', 'custom:arrested members of', 'isk', 'medium', [cite('section "Western Targets", endnote 103', 2)], { from: '2023-12', to: '2023-12' }),
  rel('french-intelligence', 'custom:thwarted plots of', 'isk', 'medium', [cite('section "Western Targets", endnotes 105–106', 2)], {
    from: '2024',
    description: 'Several ISK-linked plots, per President Macron.',
  }),
];
