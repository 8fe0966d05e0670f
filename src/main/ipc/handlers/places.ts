import { ok } from '../../../shared/ipc/result';
import { gazetteerService } from '../../services/gazetteer-service';
import type { Handlers } from '../guard';

/** Place search: answers only the hits asked for, never the list. */
export function placeHandlers(): Pick<Handlers, 'places:search'> {
  return {
    'places:search': async (query) => {
      const hits = await gazetteerService.search(query);
      return hits.ok ? ok({ hits: hits.value }) : hits;
    },
  };
}
