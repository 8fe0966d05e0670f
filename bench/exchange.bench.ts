/**
 * Case-file exchange at scale: export and re-open a 100,000-event case file, and merge a
 * 10,000-event partner file into a 100,000-event case.
 *
 * Targets (issue 7): casefile_export_100k_ms < 10000, casefile_open_100k_ms < 10000,
 * merge_10k_into_100k_ms < 5000 (open + verify + plan + apply as one audit entry).
 */
import { join } from 'node:path';
import { CaseService } from '../src/main/services/case-service';
import { writeCasefile } from '../src/main/services/exchange/casefile-write';
import { ExchangeService } from '../src/main/services/exchange/exchange-service';
import { newIdentity } from '../src/main/services/exchange/identity';
import type { Resolution } from '../src/shared/exchange';
import { generateCase, generateEvent } from './generate';
import type { BenchContext } from './run';

const EVENTS = 100_000;
const ACTORS = 10_000;
const PARTNER_EVENTS = 10_000;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export default async function exchangeBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  log(`generating a case of ${EVENTS} events and ${ACTORS} actors`);
  const doc = generateCase({ events: EVENTS, actors: ACTORS });
  const cases = new CaseService({ user: 'bench', foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(join(dir, 'exchange-100k.cfcase'), 'bench passphrase, not a secret', doc);
  if (!created.ok) throw new Error(created.error.message);
  const exchange = new ExchangeService(cases, 'bench');
  const own = await exchange.publicKey();

  const out = join(dir, 'exchange-100k.casefile');
  const exported = await timed(() => exchange.exportCasefile({ out, maxMarking: 'TLP:RED', recipients: [own.ageRecipient] }));
  log(`export: ${exported.ms.toFixed(0)} ms, ${(exported.value.size / 1e6).toFixed(1)} MB`);
  const opened = await timed(() => exchange.open(out));
  log(`open (decrypt, verify, parse, plan against itself): ${opened.ms.toFixed(0)} ms; ${opened.value.plan.unchanged} unchanged`);

  // The partner holds half of our first 10k events with a new title, and 5k events we lack.
  const partner = await newIdentity('partner');
  const current = cases.document!;
  const actorIds = current.actors.map((a) => a.id);
  const sourceIds = current.sources.map((s) => s.id);
  const partnerEvents = [
    ...current.events.slice(0, PARTNER_EVENTS / 2).map((e) => ({ ...e, title: `${e.title} (partner)` })),
    ...Array.from({ length: PARTNER_EVENTS / 2 }, (_, i) => generateEvent(EVENTS + i, actorIds, sourceIds, 7)),
  ];
  const partnerDoc = { ...current, events: partnerEvents, history: [] };
  const partnerFile = join(dir, 'partner-10k.casefile');
  await writeCasefile({ doc: partnerDoc, identity: partner, sequence: 1, maxMarking: 'TLP:RED', to: { recipients: [own.ageRecipient] }, out: partnerFile, overwrite: false });
  const merged = await timed(async () => {
    const { opened: file, plan } = await exchange.open(partnerFile);
    const theirs: Record<string, Resolution> = Object.fromEntries(plan.conflicts.map((c) => [c.key, 'theirs' as Resolution]));
    return exchange.merge(file, plan, theirs);
  });
  log(`merge of ${PARTNER_EVENTS} events: ${merged.ms.toFixed(0)} ms; ${JSON.stringify(merged.value.counts)}`);
  await cases.close();
  return {
    casefile_export_100k_ms: Math.round(exported.ms),
    casefile_open_100k_ms: Math.round(opened.ms),
    merge_10k_into_100k_ms: Math.round(merged.ms),
  };
}
