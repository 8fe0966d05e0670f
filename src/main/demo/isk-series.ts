import { partialDate } from '../../shared/domain/partial-date';
import type { Series } from '../../shared/domain/series';
import { cite, citeVia } from './isk-sources';

/**
 * Aggregate figures stated as numbers in the article. The ACLED totals cover 2022 and 2023
 * together, so those points span 2022 `until` 2023. Province rankings are given without
 * numbers and are not recorded here.
 */

export const ISK_SERIES: Series[] = [
  {
    id: 'series--isk-claimed-attacks-per-year',
    title: 'ISK-claimed attacks per year in Afghanistan and Khyber Pakhtunkhwa',
    measure: 'ISK-claimed attacks',
    unit: 'attacks',
    actorId: 'actor--isk',
    points: [
      { period: partialDate('2020'), value: 83, label: 'Afghanistan and KP, Pakistan' },
      { period: partialDate('2021'), value: 353, label: 'Afghanistan and KP, Pakistan' },
      { period: partialDate('2022'), value: 217, label: 'Afghanistan and KP, Pakistan' },
      { period: partialDate('2023'), value: 45, label: 'Afghanistan and KP, Pakistan' },
    ],
    marking: 'TLP:CLEAR',
    citations: [cite('section "Overview of Attacks", Figure 1, endnote 27', 2), cite('section "Overview of Attacks", text on Figures 1–3 (2023: 45)', 2)],
  },
  {
    id: 'series--isk-claimed-attacks-kp-2023',
    title: 'ISK-claimed attacks in Khyber Pakhtunkhwa, Pakistan',
    measure: 'ISK-claimed attacks in KP',
    unit: 'attacks',
    actorId: 'actor--isk',
    points: [{ period: partialDate('2023'), value: 25, label: 'Khyber Pakhtunkhwa (25 of 45 claimed attacks)' }],
    marking: 'TLP:CLEAR',
    citations: [cite('section "Overview of Attacks", paragraph on the 2023 record low (after endnote 34)', 2)],
  },
  {
    id: 'series--iea-operations-against-isk',
    title: 'IEA (Taliban) operations against ISK, 2022–2023 combined',
    measure: 'operations by the IEA General Directorate of Intelligence and Special Forces targeting ISK',
    unit: 'operations',
    actorId: 'actor--iea-gdi',
    points: [{ period: partialDate('2022'), until: partialDate('2023'), value: 75, label: 'two-year total, January 2022 – December 2023' }],
    marking: 'TLP:CLEAR',
    citations: [cite('section "Overview of Attacks", Figure 2, endnote 28', 2), citeVia('source--acled-2022-2023', 'Figure 2', 2)],
  },
  {
    id: 'series--fatalities-in-iea-operations-against-isk',
    title: 'Fatalities in IEA operations against ISK, 2022–2023 combined',
    measure: 'deaths in IEA counter-ISK operations',
    unit: 'deaths',
    actorId: 'actor--isk',
    points: [
      { period: partialDate('2022'), until: partialDate('2023'), value: 174, label: 'all deaths, about 174 (two-year total 2022–2023)' },
      { period: partialDate('2022'), until: partialDate('2023'), value: 163, label: 'of which ISK militants, as reported (two-year total 2022–2023)' },
    ],
    marking: 'TLP:CLEAR',
    citations: [cite('section "Overview of Attacks", Figures 2–3, endnote 28', 2), citeVia('source--acled-2022-2023', 'Figures 2 and 3', 2)],
  },
  {
    id: 'series--sadoi-khuroson-radio-episodes',
    title: 'Sadoi Khuroson radio episodes recorded since 10 May 2021 (cumulative)',
    measure: 'recorded audio episodes',
    unit: 'episodes',
    actorId: 'actor--sadoi-khuroson',
    points: [{ period: partialDate('2024-05', true), value: 553, label: 'cumulative as of mid-May 2024' }],
    marking: 'TLP:GREEN',
    citations: [cite('section "Localized Narratives", endnote 81', 2), citeVia('source--sadoi-khuroson-radio', 'endnote 81', 2)],
  },
  {
    id: 'series--isk-linked-external-plots-12-months',
    title: 'External plots linked to ISK in the preceding 12 months',
    measure: 'ISK-linked external plots, rolling 12 months',
    unit: 'plots',
    actorId: 'actor--isk',
    points: [{ period: partialDate('2024-03'), value: 21, label: '12 months up to the Stockholm parliament plot (disclosed 19 March 2024)' }],
    marking: 'TLP:AMBER',
    citations: [cite('section "Western Targets", endnote 101', 2)],
  },
];
