import { CURRENT_SCHEMA_VERSION, type CaseDocument } from '../../shared/domain/case';
import { demoAchRows, ISK_ACH_MATRICES } from './isk-ach';
import { ISK_ACTORS_CORE } from './isk-actors';
import { ISK_STATE_BODIES } from './isk-actors-state';
import { ISK_PEOPLE } from './isk-actors-people';
import { ISK_EVENTS } from './isk-events';
import { ISK_RELATIONSHIPS } from './isk-relationships';
import { demoReport } from './isk-report';
import { ISK_SERIES } from './isk-series';
import { ISK_SOURCES } from './isk-sources';

/** Passphrase of the bundled demo case; shown in the unlock dialog for the demo only. */
export const DEMO_PASSPHRASE = 'khorasan-demo';

export const DEMO_CASE_ID = 'case--isk-demo';

const DESCRIPTION =
  'Demo case built from the CTC Sentinel article "From Tajikistan to Moscow and Iran: Mapping the Local and Transnational Threat of Islamic State Khorasan" (2024). ' +
  'It follows ISK from the first Islamic State attack in Iran (June 2017) through its 2020–2023 campaign in Afghanistan and Khyber Pakhtunkhwa, ' +
  'the Taliban’s counter-offensive, its Central Asian propaganda and recruitment, and the external attacks and plots of 2023–2024 (Kerman, Istanbul, Moscow, Europe). ' +
  'Facts and figures come from the article and are restated in the case author’s own words; each record cites the article section and endnote marker. ' +
  'The seed copy of the article has no endnote text, no author names and no date, so none are recorded. A few records are marked TLP:AMBER for demonstration.';

/** The bundled demo case, freshly built: a deep copy, safe for the caller to mutate. */
export function buildDemoCase(now: string): CaseDocument {
  const doc: CaseDocument = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: DEMO_CASE_ID,
    name: 'Islamic State Khorasan 2017–2024 (demo)',
    description: DESCRIPTION,
    createdAt: now,
    defaultMarking: 'TLP:GREEN',
    events: ISK_EVENTS,
    actors: [...ISK_ACTORS_CORE, ...ISK_STATE_BODIES, ...ISK_PEOPLE],
    relationships: ISK_RELATIONSHIPS,
    sources: ISK_SOURCES,
    series: ISK_SERIES,
    views: [],
    attachments: [],
    matrices: ISK_ACH_MATRICES,
    matrixRows: [],
    reports: [demoReport()],
    history: [{ seq: 1, at: now, by: 'Casefile Workbench', summary: 'Demo case created', kind: 'create', changes: [] }],
  };
  doc.matrixRows = demoAchRows(doc);
  return structuredClone(doc);
}
