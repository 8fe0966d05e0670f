import { actorNameIndex } from '../../../shared/names';
import { searchActors } from '../../ipc/handlers/actors';
import { parseArgs, UsageError } from '../args';
import { oneStore, openReadOnly, type Command } from '../command';

export const actorsCommand: Command = {
  summary: 'list the actors of a case, or find them by any name, alias or spelling (ranked)',
  usage: 'casefile actors <store> [--search TEXT] [--limit N] [--json] [--passphrase-file F]',
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['search', 'limit', 'passphrase-file'] });
    const limitText = args.options.get('limit') ?? '20';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(`--limit must be a whole number from 1 to 10000, not "${limitText}"`);
    const store = await openReadOnly(oneStore(args.positionals, this.usage), args.options.get('passphrase-file'));
    const doc = store.document;
    const text = args.options.get('search');
    const hits =
      text === undefined
        ? [...doc.actors].sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit).map((a) => ({ id: a.id, name: a.name, kind: a.kind, score: 1, matchedName: a.name }))
        : searchActors(actorNameIndex(doc.actors), (id) => store.records.get('actors', id), text, limit);
    await store.close();
    if (args.flags.has('json')) return { stdout: `${JSON.stringify({ query: text ?? null, hits })}\n` };
    if (hits.length === 0) return { stdout: '', stderr: text === undefined ? 'This case has no actors.\n' : `No actor goes by a name like "${text}".\n` };
    const rows = hits.map((h) => `${h.score.toFixed(2).padStart(5)}  ${h.name}${h.matchedName !== h.name ? `  (as “${h.matchedName}”)` : ''}  [${h.kind}] ${h.id}`);
    return { stdout: `${rows.join('\n')}\n` };
  },
};
