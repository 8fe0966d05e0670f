import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseService } from '../../src/main/services/case-service';
import { ExchangeService, type ExportOptions } from '../../src/main/services/exchange/exchange-service';
import type { CaseDocument } from '../../src/shared/domain/case';
import { PASSPHRASE, newCase, tempDir } from './store';

export interface Team {
  cases: CaseService;
  exchange: ExchangeService;
  path: string;
}

/** A team: its own case in its own folder, open in its own services (and so its own keys). */
export async function team(name: string, doc: CaseDocument = newCase(`${name} case`)): Promise<Team> {
  const path = join(tempDir(`team-${name}`), `${name}.cfcase`);
  const cases = new CaseService({ user: name, foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(path, PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  return { cases, exchange: new ExchangeService(cases, name), path };
}

export function ok<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

let exported = 0;

/** Exports to a new file in a temp folder and returns it with its bytes (for tests that alter or inspect them). */
export async function exportFile(exchange: ExchangeService, options: Omit<ExportOptions, 'out'>): Promise<Awaited<ReturnType<ExchangeService['exportCasefile']>> & { bytes: Uint8Array }> {
  const out = join(tempDir('export'), `export-${++exported}.casefile`);
  const result = await exchange.exportCasefile({ ...options, out });
  return { ...result, bytes: new Uint8Array(readFileSync(out)) };
}
