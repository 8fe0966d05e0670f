import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { once } from 'node:events';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageEncrypt } from '../../src/main/services/exchange/age';
import { newIdentity, type OwnIdentity } from '../../src/main/services/exchange/identity';
import { caseData, signedHead, stored } from '../helpers/casefile-craft';
import { fixture } from '../fixtures/import/helpers';
import { removeTempDirs, tempDir } from '../helpers/store';
import { craftZip, type LocalEntry } from '../helpers/zip-craft';

/**
 * Crafted hostile files (issue 15, point 3). Each is read the way the app reads it, in a child
 * process with a 1 GB heap, and must end in a clear error within 10 s and 1 GB of memory, with the
 * process alive to say so. That the case stays untouched is proved in hostile-case.test.ts.
 */
afterAll(removeTempDirs);

const CHILD = fileURLToPath(new URL('../helpers/hostile-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MIB = 1024 * 1024;
const BUDGET = { ms: 10_000, mb: 1024 };

interface Outcome {
  ok: boolean;
  code?: string;
  message?: string;
  ms: number;
  peakMb: number;
}

let victim: OwnIdentity;
let author: OwnIdentity;
const dir = tempDir('hostile');

beforeAll(async () => {
  victim = await newIdentity('victim');
  author = await newIdentity('author');
});

function readInChild(mode: 'import' | 'casefile', path: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=1024', '--import', 'tsx', CHILD, mode, path, ...extra], {
      cwd: ROOT,
      env: { ...process.env, CHILD_IDENTITY: victim.ageIdentity, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    // Past twice the budget the child is stopped: a hang is reported as one, not as a stuck suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 2 * BUDGET.ms + 10_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return resolve({ ok: false, code: `EXIT ${code ?? signal}`, message: stderr.slice(-400), ms: Number.POSITIVE_INFINITY, peakMb: Number.POSITIVE_INFINITY });
      resolve(JSON.parse(line) as Outcome);
    });
  });
}

/** A clear refusal within budget: not a crash, not a success, not over time or memory. */
function expectRefused(outcome: Outcome, message: RegExp): void {
  expect(outcome, outcome.message).toMatchObject({ ok: false });
  expect(outcome.code).not.toMatch(/^EXIT|INTERNAL/);
  expect(outcome.message).toMatch(message);
  expect(outcome.ms).toBeLessThan(BUDGET.ms);
  expect(outcome.peakMb).toBeLessThan(BUDGET.mb);
}

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A file of `size` bytes written in 16 MB pieces (never held whole): `head`, then `fill` repeated, then `tail`. */
function streamed(name: string, head: string, fill: string, size: number, tail: string): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const piece = Buffer.from(fill.repeat(Math.ceil((16 * MIB) / fill.length)));
    for (let left = size - head.length - tail.length; left > 0; left -= piece.length) writeSync(fd, piece, 0, Math.min(left, piece.length));
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
  return path;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

/** An age file whose header holds `stanzas`, then a MAC line and some payload. */
function ageFile(stanzas: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from(`age-encryption.org/v1\n${stanzas}--- ${b64(randomBytes(32))}\n`), randomBytes(1024)]));
}

describe('age headers', () => {
  it('refuses a header with 8,000 recipient stanzas (790 KB) before trying them', async () => {
    const stanza = (): string => `-> X25519 ${b64(randomBytes(32))}\n${b64(randomBytes(32))}\n`;
    const outcome = await readInChild('casefile', write('stanzas.casefile', ageFile(Array.from({ length: 8_000 }, stanza).join(''))));
    expectRefused(outcome, /encryption header cannot be opened: it names more than 1,000 recipients/);
  }, 60_000);

  it('refuses a stanza with a million body lines', async () => {
    const outcome = await readInChild('casefile', write('long-stanza.casefile', ageFile(`-> X25519 ${b64(randomBytes(32))}\n${`${b64(randomBytes(48))}\n`.repeat(1_000_000)}\n`)));
    expectRefused(outcome, /its header runs past 1 MB|header does not end within 256 KiB/);
  }, 60_000);

  it('refuses a passphrase stanza whose scrypt work factor would take a GB of memory', async () => {
    const outcome = await readInChild('casefile', write('scrypt.casefile', ageFile(`-> scrypt ${b64(randomBytes(16))} 20\n${b64(randomBytes(32))}\n`)), [], { CHILD_PASSPHRASE: 'a passphrase' });
    expectRefused(outcome, /work factor 2\^20, beyond the 2\^18 age uses/);
  }, 60_000);
});

describe('sizes that lie', () => {
  it('refuses a case file whose signed manifest and zip state a part far larger than the file', async () => {
    const gz = caseData();
    const head = signedHead(author, { 'case.json.gz': { bytes: gz, size: 3 * 1024 * MIB } });
    const zip = craftZip([stored('manifest.json', head.manifest), stored('signature.json', head.signature), stored('case.json.gz', gz, 3 * 1024 * MIB)]);
    const outcome = await readInChild('casefile', write('declared.casefile', await ageEncrypt(zip, { recipients: [victim.ageRecipient] })));
    expectRefused(outcome, /damaged or was altered/);
  }, 60_000);

  it('refuses a case file cut to half its length', async () => {
    const gz = caseData();
    const head = signedHead(author, { 'case.json.gz': { bytes: gz } });
    const file = await ageEncrypt(craftZip([stored('manifest.json', head.manifest), stored('signature.json', head.signature), stored('case.json.gz', gz)]), { recipients: [victim.ageRecipient] });
    const outcome = await readInChild('casefile', write('cut.casefile', file.subarray(0, file.length >> 1)));
    expectRefused(outcome, /damaged/);
  }, 60_000);
});

describe('JSON nested 100,000 deep', () => {
  it('is refused as a STIX bundle', async () => {
    expectRefused(await readInChild('import', write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)), /nests 100000 levels deep/);
  }, 60_000);

  it('is refused as the signed case data of a case file', async () => {
    const gz = caseData(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const head = signedHead(author, { 'case.json.gz': { bytes: gz } });
    const zip = craftZip([stored('manifest.json', head.manifest), stored('signature.json', head.signature), stored('case.json.gz', gz)]);
    const outcome = await readInChild('casefile', write('deep.casefile', await ageEncrypt(zip, { recipients: [victim.ageRecipient] })));
    expectRefused(outcome, /deep\.casefile nests 100003 levels deep/);
  }, 60_000);
});

describe('a 1 GB single-line JSON file', () => {
  let path: string;
  beforeAll(() => {
    path = streamed('huge.json', '{"type":"bundle","objects":["', 'a', 1024 * MIB, '"]}');
  }, 120_000);

  it('is refused as a STIX bundle by its size, saying the limit in MB', async () => {
    expectRefused(await readInChild('import', path), /huge\.json: the bundle is 1024 MB; bundles above 512 MB are not read/);
  }, 60_000);

  it('is refused when read as CSV: its one line (a number of a billion digits) is longer than any row', async () => {
    const number = streamed('number.json', '[1', '1', 1024 * MIB, ']');
    try {
      expectRefused(await readInChild('import', number, ['csv']), /number\.json, line 1, column 1: this row is longer than 1 MB of text/);
    } finally {
      rmSync(number, { force: true });
    }
  }, 120_000);

  it('is refused as a case file before it is read whole', async () => {
    expectRefused(await readInChild('casefile', path), /This is not a case file/);
  }, 60_000);
});

describe('tables', () => {
  it('refuses a CSV with a million columns', async () => {
    const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',');
    expectRefused(await readInChild('import', write('million.csv', `${header}\n${header}\n`)), /million\.csv, line 1, column 16385: this row has more than 16,384 fields/);
  }, 60_000);

  it('refuses an XLSX whose shared strings unpack to 160 MB from 1 MB (a decompression bomb)', async () => {
    const original = unzipSync(new Uint8Array(readFileSync(fixture('generic.xlsx'))));
    const xml = Buffer.from(original['xl/sharedStrings.xml'] ?? new Uint8Array()).toString('utf8');
    const cut = xml.lastIndexOf('</sst>');
    const deflate = createDeflateRaw({ level: 1 });
    const out: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => out.push(chunk));
    const ended = once(deflate, 'end');
    let size = 0;
    let crc = 0;
    const filler = Buffer.from(`<si><t>${'a'.repeat(64 * 1024)}</t></si>`);
    for (const piece of [Buffer.from(xml.slice(0, cut)), ...Array.from({ length: 2_600 }, () => filler), Buffer.from('</sst>')]) {
      size += piece.length;
      crc = crc32(piece, crc);
      if (!deflate.write(piece)) await once(deflate, 'drain');
    }
    deflate.end();
    await ended;
    const bomb: LocalEntry = { name: 'xl/sharedStrings.xml', data: new Uint8Array(Buffer.concat(out)), method: 8, size, crc };
    const entries = Object.entries(original).map(([name, data]): LocalEntry => (name === bomb.name ? bomb : { name, data: new Uint8Array(deflateRawSync(data)), method: 8, size: data.length, crc: crc32(data) }));
    expectRefused(await readInChild('import', write('bomb.xlsx', craftZip(entries)), ['csv']), /bomb\.xlsx, line 1, column 1: .*xl\/sharedStrings\.xml unpacks to 16\d MB/);
  }, 120_000);
});

/** generic.xlsx with its worksheet replaced by `rows` rows, each a cell in column A and one in column XFD. */
function sparseWideXlsx(rows: number, dimension: string): Uint8Array {
  const original = unzipSync(new Uint8Array(readFileSync(fixture('generic.xlsx'))));
  const parts = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/><sheetData>`];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>row ${r}</t></is></c><c r="XFD${r}"><v>${r}</v></c></row>`);
  parts.push('</sheetData></worksheet>');
  original['xl/worksheets/sheet1.xml'] = new Uint8Array(Buffer.from(parts.join('')));
  return craftZip(Object.entries(original).map(([name, data]): LocalEntry => ({ name, data: new Uint8Array(deflateRawSync(data)), method: 8, size: data.length, crc: crc32(data) })));
}

describe('sparse wide worksheets', () => {
  it('refuses an XLSX whose 20,000 rows each hold one cell at column XFD, before exceljs lays them out', async () => {
    // 300 KB that exceljs would lay out as 330 million cells: minutes and gigabytes.
    expectRefused(await readInChild('import', write('sparse.xlsx', sparseWideXlsx(20_000, 'A1:XFD20000')), ['csv']), /sparse\.xlsx, line 1, column 1: .*sheet1\.xml lays its rows out over more than [\d,]+ cells .*reaches column XFD/);
  }, 60_000);

  it('refuses a worksheet that refers to cells beyond XFD1048576', async () => {
    expectRefused(await readInChild('import', write('beyond.xlsx', sparseWideXlsx(3, 'A1:XFE3')), ['csv']), /beyond\.xlsx, line 1, column 1: .*refers to cell XFE3, beyond the last a spreadsheet holds/);
  }, 60_000);
});

describe('signatures', () => {
  it('refuses a manifest changed after it was signed', async () => {
    const gz = caseData();
    const head = signedHead(author, { 'case.json.gz': { bytes: gz } });
    const altered = new Uint8Array(Buffer.from(Buffer.from(head.manifest).toString('utf8').replace('"Crafted"', '"Altered"')));
    const zip = craftZip([stored('manifest.json', altered), stored('signature.json', head.signature), stored('case.json.gz', gz)]);
    expectRefused(await readInChild('casefile', write('resigned.casefile', await ageEncrypt(zip, { recipients: [victim.ageRecipient] }))), /The signature does not match the file’s contents/);
  }, 60_000);

  it('refuses case data other than the bytes the signature covers', async () => {
    const signedFor = caseData();
    const head = signedHead(author, { 'case.json.gz': { bytes: signedFor } });
    const other = caseData('{"id":"event--x"}');
    const zip = craftZip([stored('manifest.json', head.manifest), stored('signature.json', head.signature), stored('case.json.gz', other, signedFor.length)]);
    expectRefused(await readInChild('casefile', write('swapped.casefile', await ageEncrypt(zip, { recipients: [victim.ageRecipient] }))), /damaged or was altered/);
  }, 60_000);
});
