import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/main/services/import/import-error';
import { prepareImport } from '../../src/main/services/import/prepare';
import { runCli } from '../helpers/run-cli';
import { removeTempDirs, tempDir } from '../helpers/store';

/**
 * A file given as STIX that is not a STIX bundle is refused with a message that says what it is,
 * never "imported" as zero rows with success (issue 15: a JSON array given as STIX exited 0).
 */
afterAll(removeTempDirs);

const dir = tempDir('not-stix');

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function refusal(path: string): Promise<ImportError> {
  try {
    await prepareImport(path, undefined, { format: 'stix' }, 'TLP:AMBER');
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error(`${path} was imported as STIX`);
}

describe('a file given as STIX that is not a bundle', () => {
  it('is refused, saying what it is instead', async () => {
    expect((await refusal(file('array.json', '[[[[1]]],[2]]'))).message).toMatch(/^array\.json, line 1, column 1: this is not a STIX 2\.1 bundle.*it is a JSON list/);
    expect((await refusal(file('object.json', '{"type":"report","id":"x"}'))).message).toMatch(/^object\.json, line 1, column 1: this is not a STIX 2\.1 bundle.*"type" is "report"/);
    expect((await refusal(file('number.json', '42'))).message).toMatch(/^number\.json, line 1, column 1: this is not a STIX 2\.1 bundle/);
    expect((await refusal(file('no-objects.json', '{"type":"bundle","id":"bundle--1"}'))).message).toMatch(/^no-objects\.json, line 1, column 1: this is not a STIX 2\.1 bundle.*no "objects" list/);
  });

  it('is refused when its objects list holds nothing that is a STIX object', async () => {
    const e = await refusal(file('junk.json', '{"type":"bundle","objects":[[1],[2],"x",{"a":1}]}'));
    expect(e.message).toMatch(/^junk\.json, line 1, column 1: none of the bundle's 4 objects is a STIX object/);
  });

  it('still reads an empty bundle, as empty', async () => {
    const prepared = await prepareImport(file('empty.json', '{"type":"bundle","id":"bundle--1","objects":[]}'), undefined, {}, 'TLP:AMBER');
    expect(prepared.kind === 'stix' && prepared.decoded.records.events).toEqual([]);
  });

  it('makes `casefile import` fail with a non-zero exit, and the case is not changed', async () => {
    const store = join(dir, 'case.cfcase');
    const env = { CASEFILE_PASSPHRASE: 'not stix passphrase', CASEFILE_HOME: join(dir, 'home') };
    expect((await runCli(['new', store, '--name', 'Not STIX'], env)).code).toBe(0);
    const deep = file('deep-array.json', `${'['.repeat(20)}${']'.repeat(20)}`);
    const run = await runCli(['import', store, deep, '--format', 'stix'], env);
    expect(run.code, run.stdout).toBe(2);
    expect(run.stderr).toMatch(/deep-array\.json, line 1, column 1: this is not a STIX 2\.1 bundle.*The case was not changed/s);
    const stats = await runCli(['stats', store, '--json'], env);
    expect(JSON.parse(stats.stdout)).toMatchObject({ events: 0, history: 0 });
  }, 180_000);
});
