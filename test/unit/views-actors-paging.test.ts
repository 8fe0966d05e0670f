import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '../../src/main/ipc/guard';
import { actorHandlers } from '../../src/main/ipc/handlers/actors';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import type { Actor } from '../../src/shared/domain/actor';
import type { CaseDocument } from '../../src/shared/domain/case';
import { PAGE_LIMIT } from '../../src/shared/ipc/bounds';
import { plainActor } from '../helpers/records';
import { newCase } from '../helpers/store';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The case opened in a CaseService, and `actors:*` called as a window calls them (answer cap included). */
async function opened(doc: CaseDocument) {
  const dir = await mkdtemp(join(tmpdir(), 'actors-paging-'));
  dirs.push(dir);
  const cases = new CaseService({ user: 't', foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(join(dir, 'a.cfcase'), 'a passphrase for the test', doc);
  if (!created.ok) throw new Error(created.error.message);
  const views = new CaseViews(cases);
  const handlers = actorHandlers({ cases } as unknown as HandlerContext, views) as unknown as Handlers;
  const dispatch = createDispatch(handlers, () => true, () => cases.generation);
  return (channel: string, request: unknown) => dispatch(channel, request, { origin: 'app', caseGeneration: cases.generation });
}

type ListAnswer = { actors: Actor[]; total: number; all: number; next: number | null };

/** Every page of `actors:list` for `request`, as the Actors view's Next button walks them. */
async function walk(call: Awaited<ReturnType<typeof opened>>, request: Record<string, unknown>) {
  const pages: ListAnswer[] = [];
  let offset: number | null = 0;
  while (offset !== null && pages.length < 100) {
    const answer = await call('actors:list', { ...request, offset, limit: PAGE_LIMIT });
    if (!answer.ok) throw new Error(`actors:list at ${offset}: ${answer.error.message}`);
    const page = answer.value as ListAnswer;
    pages.push(page);
    offset = page.next;
  }
  return pages;
}

describe('the actor list pages through every actor, each answer within the cap', () => {
  it('a search past 500 matches says its true total and pages to every match', async () => {
    const doc = newCase('Many cells');
    for (let i = 0; i < 1_200; i++) doc.actors.push(plainActor(`actor--${String(i).padStart(5, '0')}`, `Tehrik cell ${i}`));
    doc.actors.push(plainActor('actor--other', 'Unrelated front'));
    const call = await opened(doc);
    const pages = await walk(call, { text: 'Tehrik' });
    expect(pages[0]!.total).toBe(1_200);
    const seen = new Set(pages.flatMap((p) => p.actors.map((a) => a.id)));
    expect(seen.size).toBe(1_200);
    expect(seen.has('actor--other')).toBe(false);
  });

  it('actors with the longest descriptions and many aliases list in answers that fit, the full text by id', async () => {
    const doc = newCase('Long descriptions');
    const aliases = Array.from({ length: 40 }, (_, i) => ({ name: `${'Alias '.repeat(45)}${i}`, language: 'en', script: 'Latn' as const, citations: [] }));
    for (let i = 0; i < 600; i++) doc.actors.push(plainActor(`actor--${String(i).padStart(4, '0')}`, `Group ${i}`, { description: `Group ${i}: ${'d'.repeat(19_980)}`, ...(i % 2 ? { aliases } : {}) }));
    const call = await opened(doc);
    const pages = await walk(call, {});
    const listed = pages.flatMap((p) => p.actors);
    expect(pages.length).toBeGreaterThan(1);
    expect(listed.map((a) => a.id).sort()).toEqual(doc.actors.map((a) => a.id).sort());
    expect(Math.max(...listed.map((a) => a.description?.length ?? 0))).toBeLessThan(1_000);
    const detail = await call('actors:detail', { id: 'actor--0007' });
    expect(detail.ok && (detail.value as { actor: Actor }).actor.description).toBe(doc.actors[7]!.description);
  });
});
