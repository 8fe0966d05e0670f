import { newId } from '../../../../shared/domain/ids';
import type { Marking } from '../../../../shared/domain/marking';
import type { Result } from '../../../../shared/ipc/result';
import { showSuccess } from '../../../app/toaster';
import { call } from '../../../ipc/client';

/** Records made from a picker get the marking new records get elsewhere; the analyst can change it later. */
const NEW_RECORD_MARKING: Marking = 'TLP:AMBER';

/**
 * Saves a new actor named as typed in a picker (an organisation; kind, aliases and the rest are
 * edited in Actors). Its own `records:put`: one undo step, kept if the event is then cancelled.
 */
export async function createActorNamed(name: string): Promise<Result<string>> {
  const id = newId('actor');
  const result = await call('records:put', {
    collection: 'actors',
    record: { id, kind: 'organisation', name, aliases: [], roles: [], nationality: [], tags: [], marking: NEW_RECORD_MARKING, citations: [] },
  });
  if (!result.ok) return result;
  showSuccess(`${result.value.summary} (organisation, ${NEW_RECORD_MARKING}); edit its kind and names in Actors.`);
  return { ok: true, value: id };
}

/** Saves a new source titled as typed (reliability F, "cannot be judged", until graded in Sources). */
export async function createSourceTitled(title: string): Promise<Result<string>> {
  const id = newId('source');
  const result = await call('records:put', {
    collection: 'sources',
    record: { id, title, authors: [], kind: 'other', language: 'und', reliability: 'F', marking: NEW_RECORD_MARKING },
  });
  if (!result.ok) return result;
  showSuccess(`${result.value.summary} (reliability F until graded, ${NEW_RECORD_MARKING}); grade it in Sources.`);
  return { ok: true, value: id };
}
