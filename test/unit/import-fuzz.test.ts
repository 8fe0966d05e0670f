import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/main/services/import/import-error';
import { prepareImport } from '../../src/main/services/import/prepare';
import { acledMapper } from '../../src/shared/formats/acled/map';
import { CURRENT_COLUMNS, OLDER_COLUMNS } from '../../src/shared/formats/acled/columns';
import { parseDate } from '../../src/shared/formats/csv-mapping/dates';
import { csvMapper } from '../../src/shared/formats/csv-mapping/map';
import { gtdMapper } from '../../src/shared/formats/gtd/map';
import { Event } from '../../src/shared/domain/event';

const dir = mkdtempSync(join(tmpdir(), 'casefile-import-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes that look a little like CSV: delimiters, quotes, line ends, high bytes and NULs mixed in. */
const csvish = fc.array(
  fc.oneof(
    fc.constantFrom(',', ';', '\t', '"', '\n', '\r\n', ' ', 'event_id_cnty', 'event_date', 'eventid', 'iyear', '2024-03-22', '22 March 2024', 'AFG1', '4', 'Afghanistan'),
    fc.string({ maxLength: 12 }),
    fc.uint8Array({ maxLength: 6 }).map((b) => String.fromCharCode(...b)),
  ),
  { maxLength: 80 },
);

/** Either a value, or an ImportError that names the file, a line and a column. */
async function readSafely(path: string, format?: 'acled' | 'gtd' | 'csv' | 'stix'): Promise<void> {
  try {
    const prepared = await prepareImport(path, undefined, format ? { format } : {}, 'TLP:AMBER');
    if (prepared.kind === 'table') {
      for (const item of prepared.read.items) expect(Event.omit({ id: true, marking: true, responsibility: true, citations: true }).safeParse(item.event).success).toBe(true);
      for (const issue of prepared.read.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
    }
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    const { failure } = error as ImportError;
    expect(failure.file).toBe('fuzz.csv');
    expect(failure.line, failure.message).toBeGreaterThanOrEqual(1);
    expect(failure.column, failure.message).toBeGreaterThanOrEqual(1);
  }
}

describe('import parsers under fuzzing (bounded)', () => {
  it('never crash or hang on arbitrary bytes: a value, or an error naming file, line and column', async () => {
    const path = join(dir, 'fuzz.csv');
    await fc.assert(
      // Prefixes: none, a zip (XLSX) signature, JSON, a UTF-8 BOM, a UTF-16 BOM.
      fc.asyncProperty(fc.constantFrom('', 'PK\x03\x04', '{"type":"bundle","objects":[', '\xEF\xBB\xBF', '\xFF\xFE'), csvish, fc.constantFrom(undefined, 'acled', 'gtd', 'csv', 'stix'), async (prefix, parts, format) => {
        writeFileSync(path, Buffer.from(prefix + parts.join(''), 'latin1'));
        await readSafely(path, format as 'acled' | undefined);
      }),
      { numRuns: 300, interruptAfterTimeLimit: 20_000 },
    );
  }, 30_000);

  it('never crash on arbitrary cells in any ACLED, GTD or mapped layout', () => {
    const acledCurrent = acledMapper([...CURRENT_COLUMNS]);
    const acledOlder = acledMapper([...OLDER_COLUMNS]);
    const gtd = gtdMapper(['eventid', 'iyear', 'imonth', 'iday', 'country_txt', 'nkill', 'claimed', 'guncertain1', 'gname', 'latitude', 'longitude']);
    const csv = csvMapper(['d', 'c', 't', 'k', 'a'], { columns: { date: 'd', country: 'c', title: 't', fatalities: 'k', actor: 'a' }, dateFormat: 'auto', defaultCategory: 'attack', actorClaim: 'attributed' });
    const cell = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('2024-03-22', '0', '-9', '4', 'Afghanistan', '1', '34.5', '999'));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 35 }), fc.integer({ min: 1, max: 1e6 }), (cells, line) => {
        for (const mapper of [acledCurrent, acledOlder, gtd, csv]) {
          const result = mapper.map({ line, cells });
          if (result.ok) expect(result.item.line).toBe(line);
          else expect(result.issue.line).toBe(line);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('parseDate returns a calendar date or null for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const date = parseDate(text);
        if (date) expect(Event.shape.date.safeParse(date).success).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
