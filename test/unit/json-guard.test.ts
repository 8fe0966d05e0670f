import { describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import { jsonParseRefusal, jsonShape, parseCost } from '../../src/main/services/json-guard';

/** The one pass that judges a JSON text before it is parsed (services/json-guard.ts). */
describe('jsonShape and the parse guard', () => {
  it('counts what parsing builds, skipping escaped quotes and brackets inside strings', () => {
    const text = '{"a":"x\\"[{y","b":[1,-2.5e3,true,null,{"c":"\\\\"}],"d":"]}"}';
    expect(JSON.parse(text)).toBeTruthy();
    expect(jsonShape(text)).toEqual({ arrays: 1, objects: 2, members: 4, strings: 7, stringChars: 14, numbers: 2, literals: 2, maxDepth: 3 });
    expect(jsonShape(new TextEncoder().encode(text))).toEqual(jsonShape(text));
  });

  it('lets real case data through, and refuses the same count of tiny arrays when the heap cannot hold them', () => {
    const doc = generateCase({ events: 20_000, actors: 500 });
    const text = JSON.stringify({ records: { events: doc.events, actors: doc.actors, relationships: doc.relationships, sources: doc.sources, series: doc.series }, versions: {}, tombstones: [] });
    // 20,000 events: well under 200 MB by the estimate, so even a 512 MB heap opens them.
    expect(parseCost(jsonShape(text))).toBeLessThan(200 * 1024 * 1024);
    expect(jsonParseRefusal(text, 'case data', { freeHeap: 512 * 1024 * 1024 })).toBeNull();
    const bomb = `[${'[0],'.repeat(3_000_000)}[0]]`;
    expect(jsonParseRefusal(bomb, 'x.casefile', { freeHeap: 512 * 1024 * 1024 })).toMatch(/^x\.casefile would take about 2\d\d MB of memory to read/);
  });
});
