import { describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { viewsHandlers } from '../../src/main/ipc/handlers/views';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import { defaultCountryRequest } from '../../src/renderer/features/timeline/editor/draft';
import { plainEvent } from '../helpers/records';
import { newCase } from '../helpers/store';

/**
 * The new-event form opened from a view cut at GREEN must not start in a country that only
 * AMBER events are in: the form's request for the case's most frequent country carries the
 * view's marking, so the answer counts only what the view shows.
 */
describe('the new-event form’s default country at a view’s marking', () => {
  it('asks for the most frequent country within the view’s marking', async () => {
    const doc = newCase('Cut');
    const at = (id: string, country: string, marking: 'TLP:GREEN' | 'TLP:AMBER') => plainEvent(id, id, { marking, location: { country, geoPrecision: 'country' } });
    doc.events.push(at('event--1', 'SO', 'TLP:AMBER'), at('event--2', 'SO', 'TLP:AMBER'), at('event--3', 'KE', 'TLP:GREEN'));
    const cases = { document: doc } as unknown as CaseService;
    const handler = viewsHandlers({ cases } as unknown as HandlerContext, new CaseViews(new CaseService({ user: 't' })))['timeline:facets'] as (q: unknown) => Promise<{ ok: boolean; value: { topCountry: string | null } }>;
    expect((await handler(defaultCountryRequest('TLP:GREEN'))).value.topCountry).toBe('KE');
    expect((await handler(defaultCountryRequest(undefined))).value.topCountry).toBe('SO');
  });
});
