import { caseLookup, type CitableRecords } from '../../../shared/ach/lookup';
import { matrixJson } from '../../../shared/ach/json';
import { matrixAt } from '../../../shared/ach/product';
import { leadText, sensitivityLines } from '../../../shared/ach/table';
import { LEVEL_LABELS, type CitableCollection } from '../../../shared/domain/ach';
import { Marking } from '../../../shared/domain/marking';
import { parseArgs, UsageError } from '../args';
import { openReadOnly, type Command } from '../command';
import { resolve } from 'node:path';

const USAGE = 'casefile ach list <store> [--json] | casefile ach show <store> --matrix ID|QUESTION [--json] [--max-marking TLP:GREEN] [--passphrase-file F]';

/** `casefile ach list|show`: the case's ACH matrices, and one with every score (docs/ach.md). */
export const achCommand: Command = {
  summary: 'list the ACH matrices of a case, or show one: hypotheses, rows, ratings, weights, scores, the lead and what it rests on',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['matrix', 'max-marking', 'passphrase-file'] });
    const [action, storePath, ...rest] = args.positionals;
    if (!action || !storePath || rest.length > 0 || !['list', 'show'].includes(action)) throw new UsageError(`usage: ${USAGE}`);
    const wanted = args.options.get('matrix');
    if (action === 'show' && !wanted) throw new UsageError(`ach show needs --matrix ID or the matrix's question\nusage: ${USAGE}`);
    const cap = args.options.get('max-marking');
    if (cap !== undefined && !Marking.safeParse(cap).success) throw new UsageError(`--max-marking must be one of ${Marking.options.join(', ')}`);
    const store = await openReadOnly(resolve(storePath), args.options.get('passphrase-file'));
    try {
      const doc = store.document;
      const get = <C extends CitableCollection>(c: C, id: string) => store.records.get(c, id) as CitableRecords[C] | undefined;
      const lookup = caseLookup(get, doc.history);
      // A matrix above --max-marking is not there at all at that marking: no answer may differ from a missing one's.
      const views = doc.matrices.flatMap((m) => {
        const view = matrixAt(m, doc.matrixRows, lookup, (cap as Marking | undefined) ?? null);
        return view ? [{ matrix: m, view }] : [];
      });
      if (action === 'list') {
        const listed = views.map(({ matrix, view }) => ({
          id: matrix.id,
          question: matrix.title,
          marking: matrix.marking,
          hypotheses: matrix.hypotheses.length,
          rows: view.rows.length,
          flagged: view.rows.filter((r) => r.status.flags.length > 0).length,
          lead: matrix.hypotheses.find((h) => h.id === view.scores.lead)?.statement ?? null,
        }));
        if (args.flags.has('json')) return { stdout: `${JSON.stringify({ matrices: listed }, null, 2)}\n` };
        if (listed.length === 0) return { stdout: '', stderr: 'This case has no ACH matrix.\n' };
        return { stdout: `${listed.map((m) => `${m.id}  [${m.marking}]  ${m.question}\n    ${m.hypotheses} hypotheses, ${m.rows} rows${m.flagged ? `, ${m.flagged} flagged` : ''}; lead: ${m.lead ?? 'none'}`).join('\n')}\n` };
      }
      const target = wanted?.trim().toLocaleLowerCase();
      const found = views.find(({ matrix }) => matrix.id === wanted) ?? views.find(({ matrix }) => matrix.title.trim().toLocaleLowerCase() === target);
      if (!found) throw new UsageError(`no matrix with id or question “${wanted}”; casefile ach list ${storePath} names them`);
      const view = found.view;
      if (args.flags.has('json')) return { stdout: `${JSON.stringify(matrixJson(view), null, 2)}\n` };
      const diag = new Map(view.scores.rows.map((r) => [r.id, r.diagnosticity]));
      const lines = [
        `${view.marking}`,
        view.matrix.title,
        ...view.matrix.hypotheses.map((h, i) => `  H${i + 1}: ${h.statement}  (inconsistency ${view.scores.hypotheses[i]?.inconsistency}, consistency ${view.scores.hypotheses[i]?.consistency})`),
        '',
        ...view.rows.map(({ row, status }) => {
          const cells = view.matrix.hypotheses.map((h, i) => `H${i + 1} ${row.ratings[h.id]?.value ?? '·'}`).join('  ');
          return `  ${row.kind === 'assumption' ? '[assumption] ' : ''}${row.title}\n    weight ${status.weight} (${LEVEL_LABELS[status.credibility]} × ${LEVEL_LABELS[row.relevance]}), diagnosticity ${diag.get(row.id) ?? 0}: ${cells}${status.flags.length ? `\n    flagged: ${status.flags.join('; ')}` : ''}`;
        }),
        '',
        leadText(view),
        ...sensitivityLines(view).map((l) => `  sensitive: ${l}`),
        ...(view.withheld > 0 ? [`${view.withheld} row(s) above ${cap} left out.`] : []),
      ];
      return { stdout: `${lines.join('\n')}\n` };
    } finally {
      await store.close();
    }
  },
};
