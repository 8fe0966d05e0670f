import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDuplicateActors } from '../../src/shared/domain/duplicates';
import { plainActor, removeTempDirs, tempDir } from '../helpers/store';
import { runCli } from '../helpers/run-cli';

afterAll(removeTempDirs);

describe('likely duplicate actors', () => {
  it('pairs actors whose names collide across spelling and script, with the reason in words', () => {
    const actors = [
      plainActor('actor--a', 'Xuroson Ovozi', { kind: 'media-outlet' }),
      plainActor('actor--b', 'Voice of Khurasan', { kind: 'media-outlet', aliases: [{ name: 'Khuroson Ovozi', language: 'uz-Latn', script: 'Latn', citations: [] }] }),
      plainActor('actor--c', 'Abu Muhajir', { kind: 'person' }),
      plainActor('actor--d', 'Abu Mohajer', { kind: 'person' }),
      plainActor('actor--e', 'Zabihullah Mujahid', { kind: 'person' }),
      plainActor('actor--f', 'Kandahar Shura', { kind: 'faction' }),
    ];
    const found = findDuplicateActors(actors);
    expect(found.map((d) => d.actorIds)).toEqual(expect.arrayContaining([['actor--a', 'actor--b'], ['actor--c', 'actor--d']]));
    expect(found.flatMap((d) => d.actorIds)).not.toContain('actor--e');
    expect(found.flatMap((d) => d.actorIds)).not.toContain('actor--f');
    const ovozi = found.find((d) => d.actorIds[0] === 'actor--a');
    expect(ovozi?.reasons[0]).toBe('“Xuroson Ovozi” and “Khuroson Ovozi” are the same name in another spelling or script');
  });

  it('ranks same-kind pairs above a group and an outlet that share a name', () => {
    const found = findDuplicateActors([
      plainActor('actor--group', 'Al-Azaim', { kind: 'organisation' }),
      plainActor('actor--outlet', 'Al Azaim', { kind: 'media-outlet' }),
      plainActor('actor--p1', 'Sanaullah Ghafari', { kind: 'person' }),
      plainActor('actor--p2', 'Sanaullah Ghaffari', { kind: 'person' }),
    ]);
    expect(found.map((d) => d.actorIds[0])).toEqual(['actor--p1', 'actor--group']);
  });
});

describe('casefile actors', () => {
  it('finds the demo actors from a transliteration variant, ranked, as JSON', async () => {
    const demo = join(tempDir('cli-actors'), 'demo.cfcase');
    const pass = { CASEFILE_PASSPHRASE: 'actors cli passphrase' };
    expect((await runCli(['new', demo, '--demo'], pass)).code).toBe(0);
    const run = await runCli(['actors', demo, '--search', 'Xuroson', '--json'], pass);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { query: string; hits: Array<{ id: string; score: number; matchedName: string }> };
    expect(out.query).toBe('Xuroson');
    expect(out.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['actor--isk', 'actor--xuroson-ovozi', 'actor--voice-of-khurasan']));
    expect(out.hits.map((h) => h.score)).toEqual([...out.hits.map((h) => h.score)].sort((a, b) => b - a));
    const bad = await runCli(['actors', demo, '--search', 'x', '--limit', 'many'], pass);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--limit must be a whole number/);
  });
});
