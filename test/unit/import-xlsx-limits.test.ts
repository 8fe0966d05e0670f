import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/main/services/import/import-error';
import { prepareImport } from '../../src/main/services/import/prepare';
import type { CsvMapping } from '../../src/shared/formats/csv-mapping/mapping';
import { fixture } from '../fixtures/import/helpers';
import { removeTempDirs, tempDir } from '../helpers/store';
import { craftZip, type LocalEntry } from '../helpers/zip-craft';

/**
 * XLSX files are zips: a small file can unpack to gigabytes (a "zip bomb"), most dangerously in
 * xl/sharedStrings.xml, which the reader keeps in memory. The import must refuse such a file with
 * a clear error naming it, before unpacking more than it allows.
 */
afterAll(removeTempDirs);

const MIB = 1024 * 1024;
const dir = tempDir('xlsx-limits');
const mapping: CsvMapping = { columns: { date: 'Date', title: 'Title', country: 'Country', admin1: 'Province', fatalities: 'Fatalities', actor: 'Actor', source: 'Source' }, dateFormat: 'auto', defaultCategory: 'attack', actorClaim: 'attributed' };
const original = unzipSync(new Uint8Array(readFileSync(fixture('generic.xlsx'))));
/** About 160 MiB of shared strings in about 1 MB. */
let bomb: LocalEntry;

beforeAll(async () => {
  bomb = await paddedSharedStrings(2_600);
}, 120_000);

/** The fixture workbook's entries, deflated, with `replace` swapped in. */
function workbook(replace: Record<string, LocalEntry>): LocalEntry[] {
  return Object.entries(original).map(([name, data]) => replace[name] ?? { name, data: new Uint8Array(deflateRawSync(data)), method: 8, size: data.length, crc: crc32(data) });
}

/** The fixture's shared strings followed by `count` strings of 64 KiB: deflated, with their true size and CRC. */
async function paddedSharedStrings(count: number): Promise<LocalEntry> {
  const xml = Buffer.from(original['xl/sharedStrings.xml'] ?? new Uint8Array()).toString('utf8');
  const cut = xml.lastIndexOf('</sst>');
  const filler = Buffer.from(`<si><t>${'a'.repeat(64 * 1024)}</t></si>`);
  const pieces = [Buffer.from(xml.slice(0, cut)), ...Array.from({ length: count }, () => filler), Buffer.from('</sst>')];
  const deflate = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(deflate, 'end');
  let size = 0;
  let crc = 0;
  for (const piece of pieces) {
    size += piece.length;
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return { name: 'xl/sharedStrings.xml', data: new Uint8Array(Buffer.concat(out)), method: 8, size, crc };
}

async function failureOf(name: string, entries: LocalEntry[], directory?: Parameters<typeof craftZip>[1]): Promise<ImportError> {
  const path = join(dir, name);
  writeFileSync(path, craftZip(entries, directory));
  try {
    await prepareImport(path, undefined, { mapping }, 'TLP:AMBER');
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error(`${name} was read without an error`);
}

describe('a zip bomb in an XLSX workbook', () => {
  it('is refused when its shared strings state more than the reader keeps in memory', async () => {
    expect(bomb.data.length).toBeLessThan(2 * MIB);
    expect(bomb.size).toBeGreaterThan(160 * MIB);
    const e = await failureOf('bomb-strings.xlsx', workbook({ 'xl/sharedStrings.xml': bomb }));
    expect(e.failure.file).toBe('bomb-strings.xlsx');
    expect(e.message).toMatch(/^bomb-strings\.xlsx, line 1, column 1: .*xl\/sharedStrings\.xml unpacks to 16\d MB/);
  });

  it('is refused when an entry unpacks to more than its zip directory states', async () => {
    const small = original['xl/sharedStrings.xml']?.length ?? 0;
    // Both the local header and the directory claim the original small size.
    const e = await failureOf('bomb-lying.xlsx', workbook({ 'xl/sharedStrings.xml': { ...bomb, size: small } }));
    expect(e.failure.file).toBe('bomb-lying.xlsx');
    expect(e.message).toMatch(/xl\/sharedStrings\.xml unpacks to more than the \d+ bytes its zip directory states/);
  });

  it('is refused when its first worksheet states more than an import reads, before unpacking it', async () => {
    const sheet = original['xl/worksheets/sheet1.xml'] ?? new Uint8Array();
    const e = await failureOf('bomb-sheet.xlsx', workbook({ 'xl/worksheets/sheet1.xml': { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(deflateRawSync(sheet)), method: 8, size: 3 * 1024 * MIB, crc: crc32(sheet) } }));
    expect(e.message).toMatch(/^bomb-sheet\.xlsx, line 1, column 1: .*xl\/worksheets\/sheet1\.xml and the workbook parts unpack to 3072 MB, more than an import reads \(1024 MB\)/);
  });

  it('refuses a workbook that names an entry twice, and still reads a well-formed one', async () => {
    const entries = workbook({});
    const strings = entries.findIndex((e) => e.name === 'xl/sharedStrings.xml');
    const twice = await failureOf('twice.xlsx', entries, [...entries.map((_, local) => ({ local })), { local: strings }]);
    expect(twice.message).toMatch(/^twice\.xlsx, line 1, column 1: .*xl\/sharedStrings\.xml more than once/);
    const path = join(dir, 'rebuilt.xlsx');
    writeFileSync(path, craftZip(entries));
    const prepared = await prepareImport(path, undefined, { mapping }, 'TLP:AMBER');
    expect(prepared.kind === 'table' && prepared.read.rowsRead).toBe(3);
  });
});
