import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { StoredAttachment } from '../../../shared/domain/attachment';
import { AttachmentService, sizeLabel } from '../../services/attachment-service';
import { CaseService } from '../../services/case-service';
import { StoreError } from '../../store/store-error';
import { parseArgs, UsageError } from '../args';
import { openReadOnly, type Command } from '../command';
import { readPassphrase } from '../passphrase';
import { openProgressPrinter } from '../progress';
import { cliSession } from '../session';

const ATTACH_USAGE = 'casefile attach <store> --source ID <file> [--json] [--passphrase-file F]';
const LIST_USAGE = 'casefile attachments <store> [--json] [--passphrase-file F]';
const EXTRACT_USAGE = 'casefile extract <store> <sha256> --out FILE [--passphrase-file F]';

/** Bytes added so far on stderr, for files that take over a second. */
function byteProgress(total: number): { onProgress: (bytes: number) => void; done: () => void } {
  const started = Date.now();
  const interactive = process.stderr.isTTY === true;
  let lastTenth = -1;
  let shown = false;
  return {
    onProgress(bytes) {
      if (Date.now() - started < 1_000) return;
      const percent = total > 0 ? Math.min(100, Math.floor((bytes / total) * 100)) : 100;
      const text = `adding: ${percent}% (${sizeLabel(bytes)} of ${sizeLabel(total)})`;
      if (interactive) {
        process.stderr.write(`\r${text}   `);
        shown = true;
      } else if (Math.floor(percent / 10) > lastTenth) {
        lastTenth = Math.floor(percent / 10);
        process.stderr.write(`${text}\n`);
      }
    },
    done() {
      if (shown) process.stderr.write('\n');
    },
  };
}

export const attachCommand: Command = {
  summary: "add a file to a source, streamed into the case's encrypted blobs (any size up to 4 GB); prints its SHA-256",
  usage: ATTACH_USAGE,
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['source', 'passphrase-file'] });
    if (args.positionals.length !== 2) throw new UsageError(`expected a case file and a file to attach\nusage: ${ATTACH_USAGE}`);
    const sourceId = args.options.get('source');
    if (!sourceId) throw new UsageError(`--source ID names the source the file belongs to\nusage: ${ATTACH_USAGE}`);
    const [store, file] = args.positionals.map((p) => resolve(p)) as [string, string];
    // Before the passphrase prompt: a missing file is the user's typo, not the case's problem.
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : null),
      () => null,
    );
    if (size === null) throw new StoreError('NOT_FOUND', `${file} is not a file that can be read. Nothing was attached.`);

    const passphrase = await readPassphrase({ file: args.options.get('passphrase-file'), confirm: false, purpose: `unlock ${store}` });
    const cases = new CaseService({ user: process.env['USER'] ?? 'cli', foldAfterIdleMs: 60_000 });
    const progress = openProgressPrinter(store);
    const opened = await cases.open(store, { passphrase }, { takeOverLock: cliSession.takeOverLock, onProgress: progress.onProgress });
    progress.done();
    if (!opened.ok) throw new StoreError(opened.error.code, opened.error.message);
    try {
      const adding = byteProgress(size);
      const attached = await new AttachmentService(cases).attachToSource(file, sourceId, { onProgress: adding.onProgress });
      adding.done();
      if (!attached.ok) throw new StoreError(attached.error.code, `${attached.error.message}${attached.error.message.includes('nothing') || attached.error.message.includes('Nothing') ? '' : ' Nothing was attached.'}`);
      const { attachment, replaced, seq } = attached.value;
      if (args.flags.has('json')) return { stdout: `${JSON.stringify({ sourceId, ...attachment, replaced, seq })}\n` };
      const lines = [`${attachment.sha256}  ${attachment.name} (${sizeLabel(attachment.size)}, ${attachment.mediaType})`];
      if (replaced) lines.push(`It replaces “${replaced.name}” (${replaced.sha256.slice(0, 12)}…) on that source; undo in the app with Ctrl+Z brings it back.`);
      return { stdout: `${lines[0]}\n`, stderr: `Attached to source ${sourceId} as one step (history #${seq}).\n${lines.slice(1).join('\n')}${lines.length > 1 ? '\n' : ''}` };
    } finally {
      const closed = await cases.close();
      if (!closed.ok) process.stderr.write(`${closed.error.message}\n`);
    }
  },
};

interface Listed extends StoredAttachment {
  /** Sources that carry this file. */
  sources: { id: string; title: string }[];
  /** Whether its encrypted blob is beside the case. */
  present: boolean;
}

export const attachmentsCommand: Command = {
  summary: 'list the files of a case with their sizes, SHA-256 and the sources that carry them',
  usage: LIST_USAGE,
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['passphrase-file'] });
    if (args.positionals.length !== 1) throw new UsageError(`expected one case file\nusage: ${LIST_USAGE}`);
    const store = await openReadOnly(resolve(args.positionals[0] as string), args.options.get('passphrase-file'));
    try {
      const doc = store.document;
      const bySha = new Map<string, { id: string; title: string }[]>();
      for (const source of doc.sources) {
        if (!source.attachment) continue;
        const list = bySha.get(source.attachment.sha256) ?? [];
        list.push({ id: source.id, title: source.title });
        bySha.set(source.attachment.sha256, list);
      }
      const listed: Listed[] = [];
      for (const attachment of [...doc.attachments].sort((a, b) => a.name.localeCompare(b.name))) {
        listed.push({ ...attachment, sources: bySha.get(attachment.sha256) ?? [], present: await store.hasFile(attachment.sha256) });
      }
      const total = listed.reduce((sum, a) => sum + a.size, 0);
      if (args.flags.has('json')) return { stdout: `${JSON.stringify({ count: listed.length, totalBytes: total, attachments: listed })}\n` };
      if (listed.length === 0) return { stdout: '', stderr: 'This case has no files. Add one with: casefile attach CASE --source ID FILE\n' };
      const rows = listed.map((a) => {
        const where = a.sources.length === 0 ? 'no source (kept for undo)' : a.sources.map((s) => s.id).join(', ');
        return `${a.sha256}  ${sizeLabel(a.size).padStart(9)}  ${a.name}  [${where}]${a.present ? '' : '  MISSING: its blob is not beside the case'}`;
      });
      return { stdout: `${rows.join('\n')}\n${listed.length} file(s), ${sizeLabel(total)}\n` };
    } finally {
      await store.close();
    }
  },
};

export const extractCommand: Command = {
  summary: 'write one file of a case back out, byte for byte (verified against its SHA-256; never over an existing file)',
  usage: EXTRACT_USAGE,
  async run(argv) {
    const args = parseArgs(argv, { flags: [], options: ['out', 'passphrase-file'] });
    if (args.positionals.length !== 2) throw new UsageError(`expected a case file and a SHA-256\nusage: ${EXTRACT_USAGE}`);
    const out = args.options.get('out');
    if (!out) throw new UsageError(`--out FILE says where to write the file\nusage: ${EXTRACT_USAGE}`);
    const wanted = (args.positionals[1] as string).toLowerCase();
    if (!/^[0-9a-f]{8,64}$/.test(wanted)) throw new UsageError(`"${args.positionals[1]}" is not a SHA-256 (64 hex digits; a unique prefix of 8 or more will do)`);
    const store = await openReadOnly(resolve(args.positionals[0] as string), args.options.get('passphrase-file'));
    try {
      const matches = store.document.attachments.filter((a) => a.sha256.startsWith(wanted));
      if (matches.length === 0) throw new StoreError('NOT_FOUND', `The case has no file with SHA-256 ${wanted}${wanted.length < 64 ? '…' : ''}. List them with: casefile attachments CASE`);
      if (matches.length > 1) throw new UsageError(`${wanted} starts ${matches.length} files' SHA-256; give more digits`);
      const attachment = matches[0] as StoredAttachment;
      const target = resolve(out);
      await store.writeFileTo(attachment.sha256, target);
      return { stdout: '', stderr: `Wrote “${attachment.name}” (${sizeLabel(attachment.size)}) to ${target}; its SHA-256 matched.\n` };
    } finally {
      await store.close();
    }
  },
};
