import type { Event } from '../../shared/domain/event';
import { ev, inCountry, on, online, type ClaimInput } from './isk-event-helpers';
import { cite, citeVia } from './isk-sources';

/**
 * Propaganda releases and official statements. Online releases have no known place; they are
 * filed under the country of their main audience with geoPrecision 'unknown' (tag 'location:audience').
 */

const PROPAGANDA = 'section "ISK’s Propaganda and Recruitment Strategy"';
const NARRATIVES = 'section "Localized Narratives"';
const STRATEGY = 'section "Al-Muhajir’s Strategy to Adapt and Rebuild"';
const ENV = 'section "Exploiting Environmental Factors"';

function publishedBy(actorId: string, by: string, byActorId: string, locator: string): ClaimInput {
  return { actorId, kind: 'claimed', confidence: 'high', by, byActorId, citations: [cite(locator, 2)] };
}

export const ISK_EVENTS_MEDIA: Event[] = [
  ev({
    id: 'event--2017-06-08-amaq-video-iran',
    title: 'Amaq video vows more Islamic State attacks in Iran',
    category: 'propaganda-release',
    date: on('2017-06-08'),
    location: online('IR'),
    scope: 'external',
    description:
      'Released the day after the Tehran attacks. A fighter speaking Kurdish presents the attackers as the Islamic State’s first brigade in Iran and says more will follow.',
    tags: ['iran', 'amaq', 'location:audience'],
    responsibility: [publishedBy('actor--islamic-state', 'Amaq News Agency', 'actor--amaq', 'introduction, endnote 11')],
    citations: [cite('introduction, endnote 11', 2), citeVia('source--amaq-video-2017-06-08', 'endnote 11', 2)],
  }),
  ev({
    id: 'event--2021-05-10-sadoi-khuroson-first-episode',
    title: 'Sadoi Khuroson radio starts its Tajik-language episodes',
    category: 'propaganda-release',
    date: on('2021-05-10'),
    location: online('TJ'),
    scope: 'external',
    description:
      'Start of the episode count of ISK’s Tajik radio: 553 recordings by mid-May 2024, mostly members telling their own stories to inspire others, plus nasheeds and translations of Islamic State leaders.',
    tags: ['tajik', 'radio', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'Sadoi Khuroson', 'actor--sadoi-khuroson', `${NARRATIVES}, endnote 81`)],
    citations: [cite(`${NARRATIVES}, endnote 81`, 2), citeVia('source--sadoi-khuroson-radio', 'endnote 81', 2)],
  }),
  ev({
    id: 'event--2021-06-sadoi-khuroson-telegram-channel',
    title: 'Sadoi Khuroson Telegram channel set up',
    category: 'propaganda-release',
    date: on('2021-06', true),
    location: online('TJ'),
    scope: 'external',
    description: 'Tajik-language (Cyrillic) channel launched on Telegram in mid-2021, releasing several original audio pieces.',
    tags: ['tajik', 'telegram', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'Sadoi Khuroson', 'actor--sadoi-khuroson', `${PROPAGANDA}, endnote 74`)],
    citations: [cite(`${PROPAGANDA}, endnote 74`, 2)],
  }),
  ev({
    id: 'event--2021-muhajir-management-and-leadership-book',
    title: 'Al-Muhajir’s book “Management and Leadership System”',
    category: 'propaganda-release',
    date: on('2021'),
    location: online('AF'),
    scope: 'internal',
    description:
      'Guide to running an Islamic State province, from organisation to security habits such as avoiding face-to-face meetings. Frames the current phase as guerrilla war: secrecy, hit-and-run raids, no costly holding of ground.',
    tags: ['doctrine', 'book', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'Shahab al-Muhajir (author)', 'actor--sanaullah-ghafari', `${STRATEGY}, endnotes 58–59`)],
    citations: [cite(`${STRATEGY}, endnotes 58–60`, 2), citeVia('source--muhajir-management-2021', 'endnote 58', 2)],
  }),
  ev({
    id: 'event--2021-11-central-asia-translation-push',
    title: 'ISK propaganda drive aimed at Central Asia',
    category: 'propaganda-release',
    date: on('2021-11', true),
    location: online('TJ'),
    scope: 'external',
    description:
      'From late 2021 channels linked to Al-Azaim translated Pashto and Farsi releases into Tajik and Uzbek, and Al-Azaim issued original religious and political books in both languages. Pro-ISK Tajik channels multiplied soon after.',
    tags: ['tajik', 'uzbek', 'translation', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'Al-Azaim Foundation', 'actor--al-azaim', `${PROPAGANDA}, endnote 73`)],
    citations: [cite(`${PROPAGANDA}, endnote 73`, 2)],
  }),
  ev({
    id: 'event--2022-al-azaim-central-asian-languages',
    title: 'Al-Azaim adds Tajik and Uzbek output',
    category: 'propaganda-release',
    date: on('2022'),
    location: online('TJ'),
    scope: 'external',
    description:
      'ISK’s central media outlet began issuing Tajik (Cyrillic) and Uzbek (Latin) versions of its Pashto and Dari products plus original pieces for Central Asians. The choice of scripts points at citizens of Tajikistan and Uzbekistan rather than Afghan Tajiks and Uzbeks. Many other Central Asian-language pro-ISK outlets appeared the same year.',
    tags: ['tajik', 'uzbek', 'multilingual', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'Al-Azaim Foundation', 'actor--al-azaim', `${PROPAGANDA}, endnotes 75–77`)],
    citations: [cite(`${PROPAGANDA}, endnotes 75–77`, 2)],
  }),
  ev({
    id: 'event--2022-06-al-mirsad-counter-isk-campaign',
    title: 'Taliban’s Al-Mirsad launches anti-ISK messaging',
    category: 'propaganda-release',
    date: on('2022-06', true),
    location: online('AF'),
    scope: 'internal',
    description: 'Counter-messaging campaign started in mid-2022, a sign the Taliban take ISK more seriously than their public statements suggest.',
    tags: ['taliban', 'counter-messaging', 'location:audience'],
    responsibility: [publishedBy('actor--taliban', 'Al-Mirsad', 'actor--al-mirsad', `${ENV}, endnote 46`)],
    citations: [cite(`${ENV}, endnote 46`, 2)],
  }),
  ev({
    id: 'event--2023-muhajir-islamic-political-system-book',
    title: 'Al-Muhajir’s book “Islamic Political System”',
    category: 'propaganda-release',
    date: on('2023'),
    location: online('AF'),
    scope: 'internal',
    description:
      'Political and military guidance: to intimidate the enemy, strike deep into well-guarded cities at anti-ISK clerics and public figures, unpopular officials and, for publicity, foreigners.',
    tags: ['doctrine', 'book', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'Shahab al-Muhajir (author)', 'actor--sanaullah-ghafari', `${STRATEGY}, endnote 61`)],
    citations: [cite(`${STRATEGY}, endnote 61`, 2), citeVia('source--muhajir-political-system-2023', 'endnote 61', 2)],
  }),
  ev({
    id: 'event--2024-03-sadoi-khuroson-magazine-launch',
    title: 'ISK launches Tajik magazine Sadoi Khuroson',
    category: 'propaganda-release',
    date: on('2024-03-29', true),
    location: online('TJ'),
    scope: 'external',
    description:
      'Tajik counterpart of the Pashto Khorasan Ghag magazine, launched about a week after the Moscow attack (date approximate). Heavily criticises President Rahmon’s rule and his deference to Russia.',
    tags: ['tajik', 'magazine', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'ISK', 'actor--isk', `${NARRATIVES}, endnote 80`)],
    citations: [cite(`${NARRATIVES}, endnote 80`, 2)],
  }),
  ev({
    id: 'event--2024-isk-eid-message-hijra',
    title: 'ISK Eid message urges migration to Afghanistan',
    category: 'propaganda-release',
    date: on('2024'),
    location: online('TJ'),
    scope: 'external',
    description: '2024 Eid message issued in Tajik, Russian and Uzbek, calling on followers to move to Afghanistan.',
    tags: ['hijra', 'tajik', 'uzbek', 'russian', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'ISK', 'actor--isk', 'section "Hijrah or External Operations", endnote 92')],
    citations: [cite('section "Hijrah or External Operations", endnote 92', 2), citeVia('source--isk-eid-message-2024', 'endnote 92', 2)],
  }),
  ev({
    id: 'event--2024-xuroson-ovozi-uzbek-recruits',
    title: 'Xuroson Ovozi profiles Uzbek recruits, including “Jafar”',
    category: 'propaganda-release',
    date: on('2024'),
    location: online('UZ'),
    scope: 'external',
    description:
      'Audio production on two Uzbeks who travelled to Afghanistan to join ISK. "Jafar" says he left the circle of Turkey-based preacher Abdulloh Zufar for ISK’s clearer message.',
    tags: ['uzbek', 'hijra', 'location:audience'],
    responsibility: [publishedBy('actor--isk', 'Xuroson Ovozi', 'actor--xuroson-ovozi', `${NARRATIVES}, endnotes 85–86`)],
    citations: [cite(`${NARRATIVES}, endnotes 85–86`, 2), citeVia('source--xuroson-ovozi-2024', 'endnote 85', 2)],
  }),
  ev({
    id: 'event--2024-isk-takfir-on-madani',
    title: 'ISK declares takfir on Tajik scholar Abu Muhammad Madani',
    category: 'propaganda-release',
    date: on('2024'),
    location: online('TJ'),
    scope: 'external',
    description:
      'After Madani tied the Moscow attack to Russian intelligence and criticised attacks on civilians, ISK branded him an apostate and published two Farsi books against him, with Tajik audio versions.',
    tags: ['tajik', 'scholars', 'takfir', 'location:audience'],
    marking: 'TLP:GREEN',
    responsibility: [publishedBy('actor--isk', 'ISK', 'actor--isk', 'section "Ideological Bridges with Zero Tolerance for Disagreement", endnote 88')],
    citations: [cite('section "Ideological Bridges with Zero Tolerance for Disagreement", notes j–k, endnote 88', 2)],
  }),
  ev({
    id: 'event--2024-05-al-mirsad-video-pakistan',
    title: 'Al-Mirsad video alleges Pakistani intelligence role in IS recruitment',
    category: 'propaganda-release',
    date: on('2024-05'),
    location: online('AF'),
    scope: 'internal',
    description: 'Taliban video in which purported Islamic State affiliates speak of Pakistani intelligence agencies recruiting for the group. The claim is unverified.',
    tags: ['taliban', 'pakistan', 'counter-messaging', 'location:audience'],
    responsibility: [publishedBy('actor--taliban', 'Al-Mirsad', 'actor--al-mirsad', `${ENV}, endnote 52`)],
    citations: [cite(`${ENV}, endnote 52`, 2), citeVia('source--al-mirsad-video-2024-05', 'endnote 52', 4)],
  }),
  ev({
    id: 'event--2023-03-kurilla-warns-of-homeland-threat',
    title: 'CENTCOM’s Kurilla: ISK may aim at the U.S., Europe more likely',
    category: 'statement',
    date: on('2023-03'),
    location: inCountry('US'),
    scope: 'external',
    description: 'The USCENTCOM commander said striking the U.S. homeland could be among ISK’s aims, though attacks in Europe were more likely.',
    tags: ['united-states', 'warning'],
    citations: [cite('introduction, endnote 15', 2), citeVia('source--centcom-kurilla-2023-03', 'endnote 15', 2)],
  }),
  ev({
    id: 'event--2024-03-us-warns-russia',
    title: 'U.S. warns Russia of a possible Islamic State attack in Moscow',
    category: 'statement',
    date: on('2024-03'),
    location: inCountry('US'),
    scope: 'external',
    description: 'In early March 2024 the U.S. government passed Russia information about a possible Islamic State attack in Moscow.',
    tags: ['united-states', 'russia', 'warning-sign'],
    citations: [cite('section "Western Targets", endnote 107', 2)],
  }),
  ev({
    id: 'event--2024-03-kurilla-doubts-taliban-pressure',
    title: 'CENTCOM’s Kurilla doubts Taliban can contain ISK',
    category: 'statement',
    date: on('2024-03'),
    location: inCountry('US'),
    scope: 'external',
    description:
      'Kurilla said the Taliban hit some ISK leaders in 2023 but lacked the capability and will to keep up pressure, letting ISK rebuild redundant networks that direct, enable and inspire attacks.',
    tags: ['united-states', 'taliban'],
    citations: [cite('section "Down But Not Out", endnote 35', 2), citeVia('source--centcom-kurilla-2024-03', 'endnote 35', 2)],
  }),
  ev({
    id: 'event--2024-04-wray-warns-of-coordinated-attack',
    title: 'FBI’s Wray warns of a coordinated attack in the U.S.',
    category: 'statement',
    date: on('2024-04'),
    location: inCountry('US'),
    scope: 'external',
    description: 'Wray said that beyond lone actors, a coordinated attack in the U.S. like the one in Moscow was a growing worry.',
    tags: ['united-states', 'warning'],
    citations: [cite('introduction, endnote 14', 2), citeVia('source--fbi-wray-2024-04', 'endnote 14', 2)],
  }),
  ev({
    id: 'event--2024-04-germany-charges-seven',
    title: 'Germany charges seven ISK-linked suspects',
    category: 'statement',
    date: on('2024-04'),
    location: inCountry('DE'),
    scope: 'external',
    description: 'Charges against the seven arrested in July 2023, five of them Tajik, for planning attacks in Germany and elsewhere in Europe.',
    tags: ['germany', 'europe', 'tajik', 'prosecution'],
    responsibility: [
      {
        actorId: 'actor--isk',
        kind: 'attributed',
        confidence: 'high',
        by: 'German prosecutors',
        byActorId: 'actor--german-law-enforcement',
        citations: [citeVia('source--de-charges-2024-04', 'endnote 17', 2)],
      },
    ],
    citations: [cite('introduction, endnote 17', 2), cite('section "Western Targets", endnote 102', 2), citeVia('source--de-charges-2024-04', 'endnote 17', 2)],
  }),
  ev({
    id: 'event--2024-macron-thwarted-plots',
    title: 'Macron: French intelligence thwarted several ISK-linked plots',
    category: 'statement',
    date: on('2024'),
    location: inCountry('FR'),
    scope: 'external',
    description:
      'Said after the Moscow attack (the article gives no date). French services reportedly watched Central Asian suspects more closely, Turkmen, Kyrgyz and Kazakh nationals among them.',
    tags: ['france', 'europe', 'foiled-plots'],
    marking: 'TLP:GREEN',
    responsibility: [
      { actorId: 'actor--isk', kind: 'attributed', confidence: 'medium', by: 'President Emmanuel Macron', byActorId: 'actor--emmanuel-macron', citations: [citeVia('source--macron-2024', 'endnote 105', 2)] },
    ],
    citations: [cite('section "Western Targets", endnotes 105–106', 2), citeVia('source--macron-2024', 'endnote 105', 2)],
  }),
];
