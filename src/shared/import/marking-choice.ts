import type { Marking } from '../domain/marking';
import type { ImportFormat } from './types';

/** The marking an import proposes, and why; the analyst still chooses. */
export interface MarkingSuggestion {
  marking: Marking;
  reason: string;
}

/** Formats whose files are published openly by their makers. */
const PUBLIC_DATASETS: Partial<Record<ImportFormat, string>> = {
  acled: 'ACLED publishes its data openly',
  gtd: 'the GTD is published openly',
};

/**
 * What an import proposes from the nature of its source: public datasets are TLP:CLEAR (marking
 * them with the case's default made open rows AMBER, and briefs cut at GREEN dropped them);
 * anything else gets the case's default, since the app cannot know where it came from.
 */
export function suggestedMarking(format: ImportFormat, caseDefault: Marking): MarkingSuggestion {
  const publicReason = PUBLIC_DATASETS[format];
  if (publicReason) return { marking: 'TLP:CLEAR', reason: `${publicReason}; the case's default is ${caseDefault}` };
  if (format === 'stix') return { marking: caseDefault, reason: `objects the bundle marks keep their marking; the others get this one (the case's default)` };
  return { marking: caseDefault, reason: "the case's default marking: the source of this file is unknown" };
}
