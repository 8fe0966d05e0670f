import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { DocumentAssembler, documentSegments } from '../../src/main/store/doc-segments';
import { StoreError } from '../../src/main/store/store-error';

/** A document through its segments and back, as a fold and an open do (without the encryption). */
async function roundTrip(doc: object, budget?: number): Promise<{ back: Record<string, unknown>; segments: Buffer[] }> {
  const segments: Buffer[] = [];
  for await (const segment of documentSegments(doc, () => undefined, budget)) segments.push(segment);
  const assembler = new DocumentAssembler((detail) => new StoreError('CORRUPT_STORE', detail));
  for (const segment of segments) assembler.add(segment);
  return { back: assembler.finish(() => undefined), segments };
}

describe('a case as segments', () => {
  it('comes back exactly, with lists, scalars and odd text, whatever the segment size', async () => {
    const doc = buildDemoCase('2024-06-01T00:00:00.000Z');
    for (const budget of [256, 4_096, undefined]) expect((await roundTrip(doc, budget)).back).toEqual(JSON.parse(JSON.stringify(doc)));
    const odd = { a: [1, null, 'x\u2028y', { b: 'ünïcødé 🙂 خراسان' }], empty: [], n: null, s: 'text', history: [] };
    expect((await roundTrip(odd, 8)).back).toEqual(odd);
  });

  it('no segment grows with the case: each holds about the budget, or one record', async () => {
    const big = { id: 'case--x', events: Array.from({ length: 20_000 }, (_, i) => ({ id: `event--${i}`, title: 'x'.repeat(200), n: i })), history: [] };
    const { segments } = await roundTrip(big, 64 * 1024);
    expect(segments.length).toBeGreaterThan(50);
    for (const segment of segments) expect(segment.length).toBeLessThan(64 * 1024 + 1_024);
  });

  it('gives the event loop turns while serialising a large case', async () => {
    const big = { events: Array.from({ length: 60_000 }, (_, i) => ({ id: `event--${i}`, title: 'x'.repeat(200), n: i })), history: [] };
    let turns = 0;
    const tick = setInterval(() => turns++, 1);
    await roundTrip(big, 256 * 1024);
    clearInterval(tick);
    expect(turns).toBeGreaterThan(0);
  });
});
