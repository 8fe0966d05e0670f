import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/main/store/case-store';
import { nodeFileSystem, type FileSystem } from '../../src/main/store/file-system';
import { AMEND_FOOTER_MAGIC, encodeAmendment } from '../../src/main/store/snapshot-amend';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import { newAssembler, readSnapshotV2 } from '../../src/main/store/snapshot-v2';
import { ByteReader } from '../../src/main/store/byte-reader';
import { CaseDocument, CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';
import { listsChangedFrom } from '../../src/shared/domain/migrations';
import { FaultyFileSystem, type FsOp } from '../helpers/faulty-fs';
import { PASSPHRASE, removeTempDirs, smallCase, tempDir, tempFilesIn } from '../helpers/store';
import { bytesOf, PREVIOUS_SCHEMA as PREVIOUS, previousSchemaSnapshot } from '../helpers/previous-schema';

afterAll(removeTempDirs);

const TINY = { segmentBytes: 4_096 };

/** A segmented case of many events written as the previous schema wrote it (no list that schema lacked). */
async function previousSchemaCase(events = 3_000): Promise<{ path: string; dir: string; doc: CaseDocument; bytes: Buffer }> {
  const dir = tempDir('migrate-amend');
  const path = join(dir, 'case.cfcase');
  const doc = smallCase(events, 40);
  const created = await CaseStore.create(path, PASSPHRASE, doc, { tuning: TINY });
  const dataKey = created.exportDataKey();
  await created.close();
  const bytes = await previousSchemaSnapshot(path, dataKey, doc, TINY.segmentBytes);
  writeFileSync(path, bytes);
  return { path, dir, doc, bytes };
}

/** The real file system, counting the bytes written to each file through a handle. */
function countingFs(): { fs: FileSystem; written: Map<string, number> } {
  const written = new Map<string, number>();
  const counted = (path: string, handle: Awaited<ReturnType<FileSystem['createExclusive']>>) => ({
    ...handle,
    write: async (buffer: Uint8Array) => {
      written.set(path, (written.get(path) ?? 0) + buffer.length);
      await handle.write(buffer);
    },
  });
  const fs: FileSystem = {
    ...nodeFileSystem,
    createExclusive: async (path) => counted(path, await nodeFileSystem.createExclusive(path)),
    openAppend: async (path) => counted(path, await nodeFileSystem.openAppend(path)),
  };
  return { fs, written };
}

const snapshotTempWrites = (written: Map<string, number>) => [...written].filter(([path]) => /\/\.case\.cfcase\.[0-9a-f]{12}\.tmp$/.test(path)).reduce((sum, [, n]) => sum + n, 0);

describe('a migration that changes some lists rewrites only those', () => {
  it('an older-schema case opens migrated; its event segments stay the very bytes they were, and only the header and the changed lists are written', async () => {
    const { path, doc, bytes } = await previousSchemaCase();
    expect(listsChangedFrom(PREVIOUS)).not.toContain('events');
    const { fs, written } = countingFs();
    const store = await CaseStore.open(path, { passphrase: PASSPHRASE }, { fs, tuning: TINY });
    expect(store.report.migratedFrom).toEqual([PREVIOUS]);
    expect(store.report.amendedLists).toEqual(listsChangedFrom(PREVIOUS));
    expect(store.document.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(store.document.events).toEqual(doc.events);
    expect(CaseDocument.safeParse(store.document).success).toBe(true);
    await store.close();

    const after = readFileSync(path);
    // The old snapshot (every event segment) is the start of the new file, byte for byte…
    expect(after.subarray(0, bytes.length).equals(bytes)).toBe(true);
    expect(after.subarray(-16, -8).equals(AMEND_FOOTER_MAGIC)).toBe(true);
    // …and what this process wrote into it is the small amendment, not the events.
    const appended = snapshotTempWrites(written);
    expect(appended).toBe(after.length - bytes.length);
    expect(appended).toBeLessThan(bytes.length / 20);
    // The original stays as the .bak until the next save.
    expect(readFileSync(`${path}.bak`).equals(bytes)).toBe(true);
    expect(tempFilesIn(join(path, '..'))).toEqual([]);

    const again = await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY });
    expect(again.report.migratedFrom).toEqual([]);
    expect(again.document).toEqual(store.document);
    // A full save writes a plain snapshot again (the amendment folded in).
    await again.write(again.document);
    await again.close();
    expect(readFileSync(path).subarray(-16, -8).equals(AMEND_FOOTER_MAGIC)).toBe(false);
    const third = await CaseStore.open(path, { passphrase: PASSPHRASE }, { readOnly: true });
    expect(third.document).toEqual(store.document);
    await third.close();
  });

  it('a full save of the same case writes every event (the comparison the test above relies on)', async () => {
    const { path, bytes } = await previousSchemaCase();
    const { fs, written } = countingFs();
    const store = await CaseStore.open(path, { passphrase: PASSPHRASE }, { fs, tuning: TINY });
    written.clear();
    await store.write(store.document);
    await store.close();
    expect(snapshotTempWrites(written)).toBeGreaterThan(bytes.length / 2);
  });

  it('an amendment can replace one collection alone (sources): the events are read from the base, the sources from the amendment', async () => {
    const dir = tempDir('migrate-sources');
    const path = join(dir, 'case.cfcase');
    const doc = smallCase(2_000, 20);
    const created = await CaseStore.create(path, PASSPHRASE, doc, { tuning: TINY });
    const dataKey = created.exportDataKey();
    await created.close();
    const base = readFileSync(path);
    const layout = layoutOf(base, path);
    const handle = await nodeFileSystem.openRead(path);
    const reader = await ByteReader.over(handle);
    reader.skip(layout.head.length);
    const { kinds } = await readSnapshotV2(reader, layout.head, dataKey, path, { assembler: newAssembler(path) });
    await handle.close();
    const cited = { ...doc, sources: doc.sources.map((source) => ({ ...source, title: `${source.title} (cited)` })) };
    const amendment = await bytesOf(encodeAmendment(dataKey, { head: layout.head, size: base.length, kinds }, { journalSeq: 0, schemaVersion: CURRENT_SCHEMA_VERSION }, new Set(['sources']), cited, () => undefined, TINY.segmentBytes));
    // Only the case header and the sources: far smaller than the events.
    expect(amendment.length).toBeLessThan(base.length / 20);
    writeFileSync(path, Buffer.concat([base, amendment]));
    const store = await CaseStore.open(path, { passphrase: PASSPHRASE }, { readOnly: true });
    expect(store.document.sources.map((s) => s.title)).toEqual(cited.sources.map((s) => s.title));
    expect(store.document.events).toEqual(doc.events);
    await store.close();
  });

  it('an altered amendment is refused as damaged, naming the .bak', async () => {
    const { path } = await previousSchemaCase(500);
    await (await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY })).close();
    const amended = readFileSync(path);
    amended.writeUInt8(amended.readUInt8(amended.length - 20) ^ 0x01, amended.length - 20); // inside the amendment's last segment
    writeFileSync(path, amended);
    await expect(CaseStore.open(path, { passphrase: PASSPHRASE }, { readOnly: true })).rejects.toMatchObject({ code: 'CORRUPT_STORE' });
  });
});

describe('a fault during the migrating save', () => {
  const steps: Array<{ op: FsOp; code: string; path?: RegExp; afterBytes?: number }> = [
    { op: 'copyFile', code: 'ENOSPC', path: /case\.cfcase -> .*\.tmp$/ },
    { op: 'openAppend', code: 'EACCES', path: /\.case\.cfcase\.[0-9a-f]{12}\.tmp$/ },
    { op: 'write', code: 'ENOSPC', path: /\.case\.cfcase\.[0-9a-f]{12}\.tmp$/, afterBytes: 7 },
    { op: 'sync', code: 'EIO', path: /\.case\.cfcase\.[0-9a-f]{12}\.tmp$/ },
    { op: 'link', code: 'EIO' },
    { op: 'rename', code: 'EACCES', path: /\.tmp -> .*case\.cfcase$/ },
    { op: 'syncDir', code: 'EIO' },
  ];
  for (const step of steps) {
    it(`${step.op} failing with ${step.code}: the case still opens, migrated, with every event; no temp file is left`, async () => {
      const { path, dir, doc } = await previousSchemaCase(1_500);
      const fs = new FaultyFileSystem();
      fs.inject({ ...step, times: 1 });
      const first = await CaseStore.open(path, { passphrase: PASSPHRASE }, { fs, tuning: TINY }).then(
        (store) => store,
        () => null,
      );
      expect(fs.firedCount).toBe(1);
      await first?.close();
      const store = await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY });
      expect(store.document.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
      expect(store.document.events).toEqual(doc.events);
      await store.close();
      expect(tempFilesIn(dir)).toEqual([]);
    });
  }
});
