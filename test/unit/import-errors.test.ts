import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/main/services/import/import-error';
import { prepareImport } from '../../src/main/services/import/prepare';
import { fixture } from '../fixtures/import/helpers';

async function failureOf(name: string, format?: 'acled' | 'gtd' | 'csv' | 'stix'): Promise<ImportError> {
  try {
    await prepareImport(fixture(name), undefined, format ? { format } : {}, 'TLP:AMBER');
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error(`${name} was read without an error`);
}

describe('bad input stops the import with file, line and column', () => {
  it('a malformed row (a quote in the wrong place)', async () => {
    const e = await failureOf('bad-malformed.csv');
    expect(e.failure).toMatchObject({ file: 'bad-malformed.csv', line: 3, column: 3 });
    expect(e.message).toMatch(/^bad-malformed\.csv, line 3, column 3: malformed CSV/);
  });

  it('a row with the wrong delimiter', async () => {
    const e = await failureOf('bad-delimiter.csv');
    expect(e.failure).toMatchObject({ file: 'bad-delimiter.csv', line: 3, column: 2 });
    expect(e.message).toContain('";"');
  });

  it('a binary file', async () => {
    const e = await failureOf('bad-binary.csv');
    expect(e.failure.file).toBe('bad-binary.csv');
    expect(e.failure.line).toBeGreaterThanOrEqual(1);
    expect(e.failure.column).toBeGreaterThanOrEqual(1);
    expect(e.message).toContain('binary');
  });

  it('an unknown encoding', async () => {
    const e = await failureOf('bad-encoding.csv');
    expect(e.failure).toMatchObject({ file: 'bad-encoding.csv', line: 3, column: 5 });
    expect(e.message).toContain('encoding is unknown');
  });

  it('a file that is not the format asked for', async () => {
    const e = await failureOf('gtd.csv', 'acled');
    expect(e.failure).toMatchObject({ file: 'gtd.csv', line: 1, column: 1 });
    expect(e.message).toContain('not an ACLED header');
  });

  it('JSON that is not valid, with line and column', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'cf-json-')), 'broken.json');
    writeFileSync(path, '{\n  "type": "bundle",\n  "objects": [ oops ]\n}\n');
    try {
      await prepareImport(path, undefined, { format: 'stix' }, 'TLP:AMBER');
      throw new Error('no error');
    } catch (error) {
      expect((error as ImportError).failure).toMatchObject({ file: 'broken.json', line: 3, column: 16 });
    }
  });
});
