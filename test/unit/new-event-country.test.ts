import { describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { viewsHandlers } from '../../src/main/ipc/handlers/views';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import type { CaseDocument } from '../../src/shared/domain/case';
import { emptyDraft } from '../../src/renderer/features/timeline/editor/draft';
import { plainEvent } from '../helpers/records';
import { newCase } from '../helpers/store';

/** The country the new-event form starts in: the case's own most frequent one, never a fixed one. */
async function topCountry(doc: CaseDocument, request: Record<string, unknown> = {}): Promise<string | null> {
  const cases = { document: doc } as unknown as CaseService;
  const handler = viewsHandlers({ cases } as unknown as HandlerContext, new CaseViews(new CaseService({ user: 't' })))['timeline:facets'] as (q: unknown) => Promise<{ ok: boolean; value: { topCountry: string | null } }>;
  return (await handler(request)).value.topCountry;
}

const at = (id: string, country: string, marking: 'TLP:GREEN' | 'TLP:AMBER' = 'TLP:GREEN') => plainEvent(id, id, { marking, location: { country, geoPrecision: 'country' } });

describe('the new-event form’s default country', () => {
  it('is empty for a new event until the case says otherwise', () => {
    expect(emptyDraft('event--new', 'TLP:AMBER').country).toBe('');
  });

  it('is the country most of the case’s events are in, within the marking the analyst works at', async () => {
    const doc = newCase('Horn of Africa');
    expect(await topCountry(doc)).toBeNull();
    doc.events.push(at('event--1', 'SO', 'TLP:AMBER'), at('event--2', 'SO', 'TLP:AMBER'), at('event--3', 'KE'));
    expect(await topCountry(doc)).toBe('SO');
    expect(await topCountry(doc, { maxMarking: 'TLP:GREEN' })).toBe('KE');
  });
});
