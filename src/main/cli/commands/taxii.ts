import { promises as fsp } from 'node:fs';
import { Marking } from '../../../shared/domain/marking';
import { resolutionsFor, type Resolution } from '../../../shared/exchange';
import { StoreError } from '../../store/store-error';
import { endpointClient, TaxiiService, type Endpoint } from '../../services/taxii/taxii-service';
import { printable } from '../../services/taxii/http';
import { FAILURE_CODES, type TaxiiAuth, type TaxiiFailure } from '../../services/taxii/types';
import { parseArgs, UsageError, type ParsedArgs } from '../args';
import type { Command } from '../command';
import { interruptSignal, stopIfInterrupted } from '../interrupt';
import { openCase } from './exchange-cli';

/**
 * `casefile taxii collections|push|pull`: TAXII 2.1 for pipelines (docs/taxii.md). Credentials
 * come from files (never the command line, which other users can see); no secret is printed.
 */

const AUTH_USAGE = '--server URL [--user U --password-file F | --token-file F] [--ca-file F]';
const AUTH_OPTIONS = ['server', 'user', 'password-file', 'token-file', 'ca-file'] as const;

export const taxiiCommand: Command = {
  summary: 'list a TAXII 2.1 server’s collections, push the case to one at a max marking, or pull one into the case (reviewed merge, one undo)',
  writes: true,
  usage: [
    `casefile taxii collections ${AUTH_USAGE} [--json]`,
    `      casefile taxii push <store> ${AUTH_USAGE} --collection ID [--max-marking TLP:GREEN] [--resend] [--list-sent] [--passphrase-file F] [--json]`,
    `      casefile taxii pull <store> ${AUTH_USAGE} --collection ID [--dry-run] [--prefer ours|theirs|both] [--limit N] [--passphrase-file F] [--json]`,
  ].join('\n'),
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'collections') return collections(rest);
    if (sub === 'push') return push(rest);
    if (sub === 'pull') return pull(rest);
    throw new UsageError(`expected collections, push or pull\nusage: ${this.usage}`);
  },
};

async function readSecretFile(path: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (!secret) throw new UsageError(`the ${what} file ${path} is empty`);
  return secret;
}

async function endpointFrom(args: ParsedArgs): Promise<Endpoint> {
  const server = args.options.get('server');
  if (!server) throw new UsageError('--server URL (the TAXII discovery URL) is required');
  const user = args.options.get('user');
  const passwordFile = args.options.get('password-file');
  const tokenFile = args.options.get('token-file');
  if (tokenFile && (user || passwordFile)) throw new UsageError('give either --user with --password-file, or --token-file, not both');
  if (Boolean(user) !== Boolean(passwordFile)) throw new UsageError('--user and --password-file go together');
  const auth: TaxiiAuth = tokenFile ? { kind: 'bearer', token: await readSecretFile(tokenFile, 'token') } : user && passwordFile ? { kind: 'basic', user, password: await readSecretFile(passwordFile, 'password') } : { kind: 'none' };
  const caFile = args.options.get('ca-file');
  const caPem = caFile ? await readSecretFile(caFile, 'CA certificate') : undefined;
  if (caPem !== undefined && !caPem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return { discoveryUrl: server, auth, ...(caPem ? { caPem } : {}) };
}

function fail(error: TaxiiFailure): never {
  throw new StoreError(FAILURE_CODES[error.kind], error.message);
}

async function collections(argv: readonly string[]): Promise<{ stdout: string }> {
  const args = parseArgs(argv, { flags: ['json'], options: [...AUTH_OPTIONS] });
  if (args.positionals.length > 0) throw new UsageError('taxii collections takes no case');
  const endpoint = await endpointFrom(args);
  const client = endpointClient(endpoint, {}, interruptSignal);
  const discovery = await client.discovery(endpoint.discoveryUrl);
  if (!discovery.ok) fail(discovery.error);
  const roots: Array<Record<string, unknown>> = [];
  for (const url of discovery.value.apiRoots) {
    const root = await client.apiRoot(url);
    if (!root.ok) {
      if (root.error.kind === 'unauthorized' || root.error.kind === 'cancelled') fail(root.error);
      roots.push({ url, error: root.error.message });
      continue;
    }
    const list = await client.collections(url);
    if (!list.ok) {
      if (list.error.kind === 'unauthorized' || list.error.kind === 'cancelled') fail(list.error);
      roots.push({ url, title: root.value.title, maxContentLength: root.value.maxContentLength, error: list.error.message });
      continue;
    }
    roots.push({ url, title: root.value.title, maxContentLength: root.value.maxContentLength, collections: list.value });
  }
  if (args.flags.has('json')) return { stdout: `${JSON.stringify({ title: discovery.value.title, apiRoots: roots }, null, 2)}\n` };
  const lines = [`${discovery.value.title}`];
  for (const root of roots) {
    lines.push(`API root ${String(root['url'])}${root['title'] ? ` “${String(root['title'])}”` : ''}${root['maxContentLength'] ? ` (requests up to ${String(root['maxContentLength'])} bytes)` : ''}`);
    if (root['error']) lines.push(`  cannot list: ${String(root['error'])}`);
    for (const c of (root['collections'] as Array<{ id: string; title: string; canRead: boolean; canWrite: boolean }> | undefined) ?? []) {
      lines.push(`  ${c.id}  ${[c.canRead ? 'read' : '', c.canWrite ? 'write' : ''].filter(Boolean).join('+') || 'no access'}  ${c.title}`);
    }
  }
  return { stdout: `${lines.map(printable).join('\n')}\n` };
}

function storeAndCollection(args: ParsedArgs): { store: string; collection: string } {
  if (args.positionals.length !== 1) throw new UsageError('expected one case');
  const collection = args.options.get('collection');
  if (!collection) throw new UsageError('--collection ID is required (list them with casefile taxii collections)');
  return { store: args.positionals[0] as string, collection };
}

async function push(argv: readonly string[]): Promise<{ stdout: string }> {
  const args = parseArgs(argv, { flags: ['json', 'resend', 'list-sent'], options: [...AUTH_OPTIONS, 'collection', 'max-marking', 'passphrase-file'] });
  const { store, collection } = storeAndCollection(args);
  const marking = Marking.safeParse(args.options.get('max-marking') ?? 'TLP:GREEN');
  if (!marking.success) throw new UsageError('--max-marking is one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED');
  const endpoint = await endpointFrom(args);
  const { cases } = await openCase(store, args.options.get('passphrase-file'));
  try {
    stopIfInterrupted('nothing was sent.');
    const taxii = new TaxiiService(cases);
    const pushed = await taxii.push(endpoint, collection, { maxMarking: marking.data, resend: args.flags.has('resend'), signal: interruptSignal });
    if (!pushed.ok) fail(pushed.error);
    const r = pushed.value;
    const body = args.flags.has('json')
      ? `${JSON.stringify(r, null, 2)}\n`
      : `${[
          `Sent ${r.sent}, skipped ${r.skipped} (already on the server), failed ${r.failed.length}, unknown ${r.unknown.length}${r.pending.length ? `, pending ${r.pending.length}` : ''} — collection ${r.collection}, at most ${marking.data}.`,
          ...(args.flags.has('list-sent') ? r.sentObjects.map((o) => `  sent ${o.type} “${o.name}” (${o.id})`) : []),
          ...r.failed.map((f) => `  failed ${f.type} “${f.name}” (${f.id}): ${f.message}`),
          ...r.unknown.map((u) => `  unknown ${u.type} “${u.name}” (${u.id}): the server did not say whether it stored it; sent again next push`),
          ...r.pending.map((p) => `  pending ${p.type} “${p.name}” (${p.id}): not finished on the server when we stopped asking; sent again next push`),
          ...(r.leftOut.length ? [`Left out (${r.leftOut.length}):`, ...r.leftOut.map((l) => `  ${l.collection}/${l.id} “${l.label}”: ${l.reason}`)] : []),
        ]
          .map(printable)
          .join('\n')}\n`;
    // A push that stopped part-way still says exactly what went, then fails.
    if (r.error) {
      process.stdout.write(body);
      throw new StoreError(FAILURE_CODES[r.error.kind], `${r.error.message} ${r.sent} object(s) were sent before it stopped; push again to send the rest.`);
    }
    return { stdout: body };
  } finally {
    await cases.close();
  }
}

async function pull(argv: readonly string[]): Promise<{ stdout: string }> {
  const args = parseArgs(argv, { flags: ['json', 'dry-run'], options: [...AUTH_OPTIONS, 'collection', 'prefer', 'limit', 'passphrase-file'] });
  const { store, collection } = storeAndCollection(args);
  const prefer = (args.options.get('prefer') ?? 'ours') as Resolution;
  if (!['ours', 'theirs', 'both'].includes(prefer)) throw new UsageError('--prefer is ours, theirs or both');
  const limit = args.options.has('limit') ? Number(args.options.get('limit')) : undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 10_000)) throw new UsageError('--limit is a whole number from 1 to 10000');
  const dryRun = args.flags.has('dry-run');
  const endpoint = await endpointFrom(args);
  const { cases } = await openCase(store, args.options.get('passphrase-file'));
  try {
    const untouched = 'nothing was merged; the case is as it was.';
    stopIfInterrupted(untouched);
    const taxii = new TaxiiService(cases);
    const pulled = await taxii.pull(endpoint, collection, { ...(limit ? { limit } : {}), signal: interruptSignal });
    if (!pulled.ok) fail(pulled.error.kind === 'cancelled' ? { ...pulled.error, message: `${pulled.error.message} ${untouched} Complete pages were kept; the next pull resumes after them.` } : pulled.error);
    const review = pulled.value;
    const plan = review.plan;
    const resolutions = resolutionsFor(plan, prefer);
    stopIfInterrupted(untouched);
    const outcome = await taxii.applyPull(review, resolutions, { dryRun });
    const summary = {
      dryRun,
      collection: review.collection,
      received: review.received,
      ...(review.from ? { from: review.from } : {}),
      ...(review.highWater ? { cursor: review.highWater } : {}),
      added: plan.added.map((a) => ({ collection: a.collection, id: a.record.id })),
      changed: plan.changed.map((c) => ({ collection: c.collection, id: c.id, fields: c.fields })),
      conflicts: plan.conflicts.map((c) => ({ key: c.key, kind: c.kind, label: c.label, ...(c.kind === 'field' ? { field: c.field, ours: c.ours, theirs: c.theirs } : {}), resolution: resolutions[c.key] })),
      unmapped: review.unmapped,
      unchanged: plan.unchanged,
      oursNewer: plan.oursNewer,
      outcome,
    };
    if (args.flags.has('json')) return { stdout: `${JSON.stringify(summary, null, 2)}\n` };
    const lines = [
      `Received ${review.received} object(s) from collection ${review.collection}${review.from ? ` added after ${review.from}` : ''}.`,
      `${summary.added.length} new, ${summary.changed.length} changed, ${summary.conflicts.length} conflict(s), ${review.unmapped.length} unmapped, ${plan.unchanged} unchanged, ${plan.oursNewer} newer here.`,
      ...summary.conflicts.map((c) => `  conflict ${c.key} “${c.label}”: keeping ${c.resolution ?? 'ours'}`),
      ...review.unmapped.map((u) => `  unmapped ${u.type} ${u.id}: ${u.reason}`),
      dryRun ? `Dry run: nothing was changed and the cursor did not move. The merge would write ${outcome.counts.added} new, ${outcome.counts.changed} changed.` : outcome.stale ? outcome.summary : `Merged as one step (#${outcome.seq}); undo it in the app with Ctrl+Z.${review.highWater ? ` Next pull starts after ${review.highWater}.` : ''}`,
      ...(outcome.skipped.length ? [`${dryRun ? 'Would not apply' : 'Not applied'}:`, ...outcome.skipped.map((s) => `  ${s}`)] : []),
    ];
    return { stdout: `${lines.map(printable).join('\n')}\n` };
  } finally {
    await cases.close();
  }
}
