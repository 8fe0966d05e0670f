import type { Actor, Alias, ActorKind, ActorStatus, Script } from '../../shared/domain/actor';
import type { Citation } from '../../shared/domain/citation';
import type { Marking } from '../../shared/domain/marking';
import { cite, citeVia } from './isk-sources';

/** A name the article itself uses. */
export function named(name: string, locator: string, language = 'en', script: Script = 'Latn'): Alias {
  return { name, language, script, citations: [cite(locator, 2)] };
}

/** A native-script or transliterated form added by the case author; the article does not print it. */
export function rendered(name: string, language: string, script: Script, transliteration?: string): Alias {
  const alias: Alias = {
    name,
    language,
    script,
    provenance: 'added by the demo author; not printed in the article',
    citations: [],
  };
  return transliteration === undefined ? alias : { ...alias, transliteration };
}

export interface ActorInput {
  id: string;
  kind: ActorKind;
  name: string;
  aliases?: Alias[];
  status?: ActorStatus;
  roles?: string[];
  nationality?: string[];
  description: string;
  tags?: string[];
  marking?: Marking;
  citations: Citation[];
}

export function actor(input: ActorInput): Actor {
  const out: Actor = {
    id: input.id,
    kind: input.kind,
    name: input.name,
    aliases: input.aliases ?? [],
    roles: input.roles ?? [],
    nationality: input.nationality ?? [],
    description: input.description,
    tags: input.tags ?? [],
    marking: input.marking ?? 'TLP:CLEAR',
    citations: input.citations,
  };
  return input.status === undefined ? out : { ...out, status: input.status };
}

export function deceased(locator: string, year?: string): ActorStatus {
  const status: ActorStatus = { value: 'deceased', citations: [cite(locator, 2)] };
  return year === undefined ? status : { ...status, from: { value: year, precision: 'year' } };
}

const INTRO = 'introduction, endnote 1';
const STRONGHOLDS = 'section "Overview of Attacks", endnote 20';
export const BAJAUR = 'section "Exploiting Environmental Factors", endnote 54';
export const CRACKDOWN = 'section "Overview of Attacks", endnote 30';
const MEDIA = 'section "ISK’s Propaganda and Recruitment Strategy", endnotes 73–77';
export const SPEAKERS = 'section "Localized Narratives", endnotes 82–83';
export const SCHOLARS = 'section "Ideological Bridges with Zero Tolerance for Disagreement", endnote 87';
export const MADANI = 'section "Ideological Bridges with Zero Tolerance for Disagreement", notes h–k, endnote 88';
export const HIJRAH = 'section "Hijrah or External Operations", endnotes 89–90';

const ORGANISATIONS: Actor[] = [
  actor({
    id: 'actor--isk',
    kind: 'organisation',
    name: 'Islamic State Khorasan Province',
    aliases: [
      named('ISK', INTRO),
      named('Islamic State Khorasan', INTRO),
      named('ISIS-K', 'introduction, endnote 14'),
      named('ISIS-Khorasan', 'section "Down But Not Out", endnote 35'),
      rendered('ISKP', 'en', 'Latn'),
      rendered('Wilayat Khurasan', 'ar', 'Latn'),
      rendered('ولاية خراسان', 'ar', 'Arab', 'Wilāyat Khurāsān'),
      rendered('دولت اسلامی ولایت خراسان', 'fa-AF', 'Arab', 'Dawlat-e Islāmi Wilāyat-e Khorāsān'),
      rendered('داعش خراسان', 'ps', 'Arab', 'Dāʿish Khorāsān'),
      rendered('Вилаят Хорасан', 'ru', 'Cyrl', 'Vilayat Khorasan'),
      rendered('Вилояти Хуросон', 'tg', 'Cyrl', 'Viloyati Khuroson'),
      rendered('Xuroson viloyati', 'uz-Latn', 'Latn'),
    ],
    status: { value: 'active', from: { value: '2024', precision: 'year' }, citations: [cite('section "Down But Not Out"', 2)] },
    roles: ['Islamic State province for the Khorasan region'],
    nationality: ['AF', 'PK'],
    description:
      'Regional branch of the Islamic State, formally recognised in 2015 and active mainly in Afghanistan and north-west Pakistan. ' +
      'Early members came from disaffected Afghan and Pakistani Taliban fighters and ex-al-Qa`ida members, and it built alliances with local militant groups. ' +
      'After losing its territory in 2020 it turned to urban guerrilla attacks; claimed attacks peaked in 2021 and fell sharply by 2023 under Taliban pressure, ' +
      'while its external reach (Iran, Russia, Turkey, Europe) and its Central Asian, especially Tajik, recruitment grew.',
    tags: ['jihadist', 'islamic-state-province', 'afghanistan', 'pakistan', 'central-asia'],
    citations: [cite(INTRO, 2), cite(STRONGHOLDS, 2), citeVia('source--zelin-2023-09', 'section "Down But Not Out", endnote 44', 2)],
  }),
  actor({
    id: 'actor--islamic-state',
    kind: 'organisation',
    name: 'Islamic State',
    aliases: [
      named('Islamic State-central', 'section "Localized Narratives", endnote 81'),
      rendered('IS', 'en', 'Latn'),
      rendered('ISIS', 'en', 'Latn'),
      rendered('الدولة الإسلامية', 'ar', 'Arab', 'al-Dawla al-Islāmiyya'),
    ],
    roles: ['parent organisation of ISK'],
    description:
      'The parent organisation. It carried out its first attack inside Iran in June 2017 and claimed the March 2024 Moscow attack; ' +
      'what part its central leadership played in enabling the Moscow attack is, per the article, still unclear.',
    tags: ['jihadist'],
    citations: [cite('introduction, endnotes 5 and 10', 2)],
  }),
  actor({
    id: 'actor--taliban',
    kind: 'organisation',
    name: 'Afghan Taliban (Islamic Emirate of Afghanistan)',
    aliases: [
      named('Islamic Emirate of Afghanistan', 'section "Overview of Attacks"'),
      named('IEA', 'section "Overview of Attacks"'),
      rendered('د افغانستان اسلامي امارت', 'ps', 'Arab', 'da Afghanistan Islami Imarat'),
      rendered('امارت اسلامی افغانستان', 'fa-AF', 'Arab', 'Emārat-e Eslāmi-ye Afghānestān'),
      rendered('طالبان', 'ps', 'Arab', 'Ṭālibān'),
    ],
    roles: ['de facto government of Afghanistan since 2021', 'ISK’s main local adversary'],
    nationality: ['AF'],
    description:
      'Governing Afghanistan as the IEA after the U.S. withdrawal. Its intelligence and special forces ran a sustained campaign against ISK in 2022–2023 ' +
      'and killed several ISK leaders, while publicly playing down the ISK threat. ISK propaganda attacks its outreach to Iran, China and Russia.',
    tags: ['afghanistan', 'government'],
    citations: [cite('section "Overview of Attacks", endnote 28', 2), cite('section "Exploiting Environmental Factors", endnotes 46–49', 2)],
  }),
  actor({
    id: 'actor--ttp',
    kind: 'organisation',
    name: 'Tehrik-e-Taliban Pakistan',
    aliases: [
      named('TTP', 'section "Exploiting Environmental Factors"'),
      named('Tehrik-i-Taliban Pakistan', 'section "Exploiting Environmental Factors"'),
      named('Pakistani Taliban', INTRO),
      rendered('تحریک طالبان پاکستان', 'ur', 'Arab', 'Tehrīk-e Ṭālibān Pākistān'),
    ],
    nationality: ['PK'],
    description:
      'Pakistani Taliban. Disaffected members were among ISK’s first recruits; Pakistan accuses it of attacking from Afghan soil, a dispute ISK can exploit.',
    tags: ['jihadist', 'pakistan'],
    citations: [cite(INTRO, 2), cite('section "Exploiting Environmental Factors", endnotes 50–51', 2)],
  }),
  actor({
    id: 'actor--al-qaida',
    kind: 'organisation',
    name: 'al-Qa`ida',
    aliases: [rendered('al-Qaeda', 'en', 'Latn'), rendered('القاعدة', 'ar', 'Arab', 'al-Qāʿida')],
    description: 'Former al-Qa`ida members were among ISK’s initial recruits.',
    tags: ['jihadist'],
    citations: [cite(INTRO, 2)],
  }),
  actor({
    id: 'actor--imu',
    kind: 'organisation',
    name: 'Islamic Movement of Uzbekistan',
    aliases: [named('IMU', 'section "Localized Narratives", endnote 78'), rendered('O‘zbekiston Islomiy Harakati', 'uz-Latn', 'Latn')],
    description:
      'Central Asian militant group; members defected to ISK in 2015 and were then attacked by the Taliban, an episode ISK propaganda keeps recalling.',
    tags: ['jihadist', 'central-asia'],
    citations: [cite('section "Localized Narratives", endnote 78', 2)],
  }),
  actor({
    id: 'actor--jui-f',
    kind: 'organisation',
    name: 'Jamiat Ulema-e-Islam-Fazl',
    aliases: [named('JUI-F', 'section "Down But Not Out", endnote 41'), rendered('جمعیت علمائے اسلام (ف)', 'ur', 'Arab')],
    nationality: ['PK'],
    description: 'Pakistani religious party whose scholars ISK assassinated over a long period, up to the July 2023 suicide bombing in Khar.',
    tags: ['pakistan', 'target'],
    citations: [cite('section "Al-Muhajir’s Strategy to Adapt and Rebuild", endnote 68', 2)],
  }),
  actor({
    id: 'actor--pdpt',
    kind: 'organisation',
    name: 'People’s Democratic Party of Tajikistan',
    aliases: [rendered('Ҳизби халқии демократии Тоҷикистон', 'tg', 'Cyrl')],
    nationality: ['TJ'],
    description: 'Political party in Tajikistan.',
    tags: ['tajikistan', 'target'],
    citations: [cite('section "Regional Targets", endnote 96', 2)],
  }),
];

const FACTIONS: Actor[] = [
  actor({
    id: 'actor--isk-tajik-contingent',
    kind: 'faction',
    name: 'ISK Tajik contingent',
    roles: ['leading unit in external operations'],
    description:
      'Tajik members and networks of ISK. The article presents them as the core of ISK’s external operations: attacks in Tajikistan, ' +
      'the Kerman and Moscow attacks, and several plots foiled in Europe. A UN Security Council report describes Tajiks raising money and handling logistics between Turkey, Afghanistan and neighbouring states.',
    tags: ['external-operations', 'tajik'],
    citations: [
      cite('section "The Tajik Contingent in ISK’s External Operations", endnotes 94–108', 2),
      citeVia('source--unsc-monitoring-report', 'section "Regional Targets", endnote 98', 2),
    ],
  }),
  actor({
    id: 'actor--isk-tajik-media-cell',
    kind: 'faction',
    name: 'ISK Tajik media cell',
    description: 'Group that set up ISK’s Tajik-language media; Yusuf Tajiki is named as one of its founders.',
    tags: ['propaganda', 'tajik'],
    citations: [cite(SPEAKERS, 2)],
  }),
  actor({
    id: 'actor--al-azaim-uzbek-branch',
    kind: 'faction',
    name: 'Al-Azaim Foundation, Uzbek branch',
    description:
      'Uzbek-language ISK media, folded into al-Azaim and then gradually into its Tajik branch; still issues some translations, infographics and bulletins through the I’lam Foundation.',
    tags: ['propaganda', 'uzbek'],
    citations: [cite('section "ISK’s Propaganda and Recruitment Strategy", endnote 76, note e', 2)],
  }),
  actor({
    id: 'actor--al-azaim-tajik-branch',
    kind: 'faction',
    name: 'Al-Azaim Foundation, Tajik branch',
    description: 'Tajik-language branch of ISK’s official media arm; it absorbed the Uzbek branch and supports its output.',
    tags: ['propaganda', 'tajik'],
    citations: [cite('section "ISK’s Propaganda and Recruitment Strategy", endnote 76', 2)],
  }),
];

const MEDIA_OUTLETS: Actor[] = [
  actor({
    id: 'actor--amaq',
    kind: 'media-outlet',
    name: 'Amaq News Agency',
    aliases: [named('Amaq News', 'introduction, endnote 11'), rendered('وكالة أعماق', 'ar', 'Arab', 'Wakālat Aʿmāq')],
    description: 'Islamic State news outlet; released the June 2017 Tehran video and pictures of ISK’s 2022 attacks.',
    tags: ['propaganda', 'claims'],
    citations: [cite('introduction, endnote 11', 2), cite('section "Al-Muhajir’s Strategy to Adapt and Rebuild", endnotes 66–67', 2)],
  }),
  actor({
    id: 'actor--al-naba',
    kind: 'media-outlet',
    name: 'Al Naba',
    aliases: [rendered('النبأ', 'ar', 'Arab', 'al-Nabaʾ')],
    description: 'Islamic State newsletter.',
    tags: ['propaganda'],
    citations: [cite('section "Al-Muhajir’s Strategy to Adapt and Rebuild", endnote 70', 2)],
  }),
  actor({
    id: 'actor--al-azaim',
    kind: 'media-outlet',
    name: 'Al-Azaim Foundation',
    aliases: [rendered('مؤسسة العزائم', 'ar', 'Arab', 'Muʾassasat al-ʿAzāʾim')],
    roles: ['official ISK media arm'],
    description:
      'ISK’s central media outlet. From 2022 it added Tajik (Cyrillic) and Uzbek (Latin) translations of Pashto and Dari releases, original releases for Central Asian audiences, and books in those languages.',
    tags: ['propaganda', 'multilingual'],
    citations: [cite(MEDIA, 2)],
  }),
  actor({
    id: 'actor--voice-of-khurasan',
    kind: 'media-outlet',
    name: 'Voice of Khurasan',
    description: 'English-language ISK magazine published by Al-Azaim; has run biographies of ex-IMU commanders who joined ISK.',
    tags: ['propaganda', 'english'],
    citations: [cite(HIJRAH, 2), citeVia('source--voice-of-khurasan', 'endnotes 89–90', 2)],
  }),
  actor({
    id: 'actor--khorasan-ghag',
    kind: 'media-outlet',
    name: 'Khorasan Ghag',
    aliases: [rendered('خراسان غږ', 'ps', 'Arab', 'Khorāsān Ghag')],
    description: 'ISK’s Pashto-language radio, also a magazine; Farsi, Tajik and Uzbek versions exist.',
    tags: ['propaganda', 'pashto'],
    citations: [cite('section "ISK’s Propaganda and Recruitment Strategy", note d', 2)],
  }),
  actor({
    id: 'actor--sadoi-khorasan-farsi',
    kind: 'media-outlet',
    name: 'Sadoi Khorasan (Farsi)',
    aliases: [rendered('صدای خراسان', 'fa', 'Arab', 'Sedā-ye Khorāsān')],
    description: 'Farsi version of Khorasan Ghag; Tajik audiences mostly used it before Tajik-language channels multiplied.',
    tags: ['propaganda', 'farsi'],
    citations: [cite('section "ISK’s Propaganda and Recruitment Strategy", note d', 2)],
  }),
  actor({
    id: 'actor--sadoi-khuroson',
    kind: 'media-outlet',
    name: 'Sadoi Khuroson Radio',
    aliases: [rendered('Садои Хуросон', 'tg', 'Cyrl', 'Sadoi Khuroson')],
    description:
      'Tajik-language (Cyrillic) version of Khorasan Ghag radio and Telegram channel, set up in mid-2021, with episodes in Tajik, Farsi, Russian and occasionally Uzbek.',
    tags: ['propaganda', 'tajik'],
    citations: [cite('section "ISK’s Propaganda and Recruitment Strategy", endnote 74', 2), cite('section "Localized Narratives", endnote 81', 2)],
  }),
  actor({
    id: 'actor--sadoi-khuroson-magazine',
    kind: 'media-outlet',
    name: 'Sadoi Khuroson (magazine)',
    description: 'Tajik version of the Khorasan Ghag magazine, launched by ISK roughly seven days after the Moscow attack of 2024; attacks President Rahmon.',
    tags: ['propaganda', 'tajik'],
    citations: [cite('section "Localized Narratives", endnote 80', 2)],
  }),
  actor({
    id: 'actor--xuroson-ovozi',
    kind: 'media-outlet',
    name: 'Xuroson Ovozi',
    aliases: [rendered('Хуросон овози', 'uz-Cyrl', 'Cyrl')],
    description: 'Uzbek version of Khorasan Ghag radio; has aired interviews with Central Asians who moved to Afghanistan to join ISK.',
    tags: ['propaganda', 'uzbek'],
    citations: [cite('section "Localized Narratives", endnotes 84–85', 2)],
  }),
  actor({
    id: 'actor--ilam-foundation',
    kind: 'media-outlet',
    name: 'I’lam Foundation',
    description: 'Pro-Islamic State platform through which the Uzbek branch of al-Azaim still releases some material.',
    tags: ['propaganda'],
    citations: [cite('section "ISK’s Propaganda and Recruitment Strategy", note e', 2)],
  }),
  actor({
    id: 'actor--al-mirsad',
    kind: 'media-outlet',
    name: 'Al-Mirsad',
    aliases: [rendered('المرصاد', 'ps', 'Arab', 'al-Mirṣād')],
    description: 'Taliban media outlet; ran a counter-ISK messaging campaign from mid-2022 and a May 2024 video alleging Pakistani intelligence involvement in recruiting for IS.',
    tags: ['taliban', 'counter-messaging'],
    citations: [cite('section "Exploiting Environmental Factors", endnotes 46 and 52', 2)],
  }),
];

/** Organisations, factions and media outlets; state bodies are in ./isk-actors-state, people in ./isk-actors-people. */
export const ISK_ACTORS_CORE: Actor[] = [...ORGANISATIONS, ...FACTIONS, ...MEDIA_OUTLETS];

