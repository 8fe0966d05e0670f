import type { CaseDocument } from '../../../shared/domain/case';
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { CaseService } from '../../services/case-service';
import { StoreError } from '../../store/store-error';

/** Runs a read; a StoreError (no case, not found) becomes its error value. */
export async function reading<T>(read: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await read());
  } catch (error) {
    if (error instanceof StoreError) return err(error.code, error.message);
    throw error;
  }
}

/** The open case's document, or NO_CASE_OPEN (thrown, for `reading` to turn into an error value). */
export function openDocument(cases: CaseService): CaseDocument {
  const d = cases.document;
  if (!d) throw new StoreError('NO_CASE_OPEN', 'No case is open. Open or create a case first.');
  return d;
}
