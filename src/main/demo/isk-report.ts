import { WrittenReport } from '../../shared/domain/written-report';
import draft from './isk-report.json' with { type: 'json' };

/**
 * The demo case's drafted report (issue 14): the seed article's argument in the case author's
 * own words, with its four figures, living numbers and citations of the case's sources. Kept as
 * data (isk-report.json) and checked against the domain schema when the demo is built.
 */
export function demoReport(): WrittenReport {
  return WrittenReport.parse(draft);
}
