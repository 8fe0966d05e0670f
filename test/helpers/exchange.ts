import { join } from 'node:path';
import { CaseService } from '../../src/main/services/case-service';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
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
