import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, basename, join, relative, resolve, sep } from 'node:path';
import { nodeFileSystem, type FileHandleLike, type FileStat, type FileSystem, type ReadHandleLike } from '../../src/main/store/file-system';

/**
 * A FileSystem that models a disk cache, for simulated power loss (issue 15.1), in the manner of
 * SQLite's crash-test VFS. Every operation is done on the real disk below `root` (so reads, and
 * the store's own `fs.promises` calls such as the lock, see what a running program would see),
 * and mirrored in a model of what is *durable*:
 * - a file's data is durable as of its last fsync; writes and truncations since then are pending;
 * - a folder's entries (new names, renames, links, unlinks, new sub-folders) are durable as of
 *   the folder's last fsync; changes since then are pending.
 *
 * `crashImage(random)` says what a power cut at this instant would leave: the durable state, with
 * each pending change independently surviving whole, vanishing, or (data) surviving torn at
 * 512-byte sectors, so later writes may survive where earlier ones did not. A pending rename is
 * atomic (old or new name, never neither), as rename(2) is on journaling file systems.
 *
 * `beforeMutation` runs before every operation that changes the disk, so a test can take an
 * image at each such point. Files the store writes outside this port (the lock) are not modelled:
 * after a real power cut the machine reboots and the lock is taken over as left by a dead boot.
 */
export type Random = () => number;

type DataOp = { kind: 'write'; offset: number; data: Buffer } | { kind: 'truncate'; length: number };

interface FileNode {
  current: Buffer;
  durable: Buffer;
  pending: DataOp[];
}

type Entry = { kind: 'file'; node: FileNode } | { kind: 'dir'; path: string };
type DirOp = { kind: 'set'; name: string; entry: Entry } | { kind: 'delete'; name: string } | { kind: 'rename'; from: string; to: string };

interface DirNode {
  current: Map<string, Entry>;
  durable: Map<string, Entry>;
  pending: DirOp[];
}

/** What a power cut leaves: file contents by path relative to the root, and the folders. */
export interface CrashImage {
  files: Map<string, Buffer>;
  dirs: string[];
}

export const SECTOR = 512;

/** A small seeded PRNG (mulberry32): the same seed gives the same cut. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function applyData(content: Buffer, op: DataOp): Buffer {
  if (op.kind === 'truncate') {
    if (op.length <= content.length) return content.subarray(0, op.length);
    return Buffer.concat([content, Buffer.alloc(op.length - content.length)]);
  }
  const end = op.offset + op.data.length;
  const out = end > content.length ? Buffer.concat([content, Buffer.alloc(end - content.length)]) : Buffer.from(content);
  op.data.copy(out, op.offset);
  return out;
}

/** Keeps each 512-byte sector of a write (aligned to the file, as a disk's are) with even odds. */
function tornWrite(op: Extract<DataOp, { kind: 'write' }>, random: Random): DataOp[] {
  const kept: DataOp[] = [];
  let at = op.offset;
  const end = op.offset + op.data.length;
  while (at < end) {
    const next = Math.min(end, (Math.floor(at / SECTOR) + 1) * SECTOR);
    if (random() < 0.5) kept.push({ kind: 'write', offset: at, data: op.data.subarray(at - op.offset, next - op.offset) });
    at = next;
  }
  return kept;
}

export class PowerLossFileSystem implements FileSystem {
  private readonly dirs = new Map<string, DirNode>();
  private mutations = 0;
  /** Runs before each operation that changes the disk, with its number (0, 1, …) and a label. */
  beforeMutation: ((index: number, label: string) => Promise<void>) | undefined;

  private constructor(
    readonly root: string,
    private readonly inner: FileSystem,
  ) {}

  /** Models `root` as it is on disk now, all of it durable. */
  static async attach(root: string, inner: FileSystem = nodeFileSystem): Promise<PowerLossFileSystem> {
    const fs = new PowerLossFileSystem(resolve(root), inner);
    await fs.scan(fs.root);
    return fs;
  }

  /** How many changing operations ran so far. */
  get mutationCount(): number {
    return this.mutations;
  }

  private async scan(dir: string): Promise<void> {
    const node: DirNode = { current: new Map(), durable: new Map(), pending: [] };
    this.dirs.set(dir, node);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await this.scan(path);
        node.current.set(entry.name, { kind: 'dir', path });
      } else if (entry.isFile()) {
        const content = await readFile(path);
        node.current.set(entry.name, { kind: 'file', node: { current: content, durable: content, pending: [] } });
      }
    }
    node.durable = new Map(node.current);
  }

  /** The modelled folder holding `path`, or null when `path` is outside the root. */
  private parentOf(path: string): { dir: DirNode; name: string } | null {
    const full = resolve(path);
    if (full !== this.root && !full.startsWith(this.root + sep)) return null;
    const dir = this.dirs.get(dirname(full));
    if (!dir) throw new Error(`power-fs: ${dirname(full)} is not modelled (created outside the port?)`);
    return { dir, name: basename(full) };
  }

  private fileAt(path: string): FileNode | null {
    const at = this.parentOf(path);
    if (!at) return null;
    const entry = at.dir.current.get(at.name);
    if (entry?.kind !== 'file') throw new Error(`power-fs: ${path} is not a modelled file`);
    return entry.node;
  }

  private dirOp(path: string, op: (name: string) => DirOp): void {
    const at = this.parentOf(path);
    if (!at) return;
    const change = op(at.name);
    at.dir.pending.push(change);
    applyDirOp(at.dir.current, change);
  }

  private async mutation(label: string): Promise<void> {
    const index = this.mutations++;
    await this.beforeMutation?.(index, label);
  }

  /** What a power cut now would leave on disk (see the class comment). */
  crashImage(random: Random): CrashImage {
    // Some cuts flush nothing pending, some everything, most a mix: each is a case worth having.
    const mode = random();
    const keep = mode < 0.15 ? () => false : mode < 0.3 ? () => true : () => random() < 0.5;
    const files = new Map<string, Buffer>();
    const dirs: string[] = [];
    const contents = new Map<FileNode, Buffer>();
    const contentOf = (node: FileNode): Buffer => {
      let content = contents.get(node);
      if (content) return content;
      content = node.durable;
      for (const op of node.pending) {
        if (mode < 0.15) break;
        if (mode < 0.3) {
          content = applyData(content, op);
          continue;
        }
        const fate = random();
        if (fate < 1 / 3) content = applyData(content, op);
        else if (fate < 2 / 3 && op.kind === 'write') for (const piece of tornWrite(op, random)) content = applyData(content, piece);
      }
      contents.set(node, content);
      return content;
    };
    const walk = (path: string): void => {
      const dir = this.dirs.get(path)!;
      const entries = new Map(dir.durable);
      for (const op of dir.pending) if (keep()) applyDirOp(entries, op);
      dirs.push(relative(this.root, path));
      for (const [name, entry] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
        if (entry.kind === 'dir') walk(entry.path);
        else files.set(relative(this.root, join(path, name)), contentOf(entry.node));
      }
    };
    walk(this.root);
    return { files, dirs };
  }

  // ── The port ─────────────────────────────────────────────────────────────────────────────

  readFile(path: string): Promise<Buffer> {
    return this.inner.readFile(path);
  }

  async createExclusive(path: string): Promise<FileHandleLike> {
    await this.mutation(`create ${basename(path)}`);
    const handle = await this.inner.createExclusive(path);
    const node: FileNode = { current: Buffer.alloc(0), durable: Buffer.alloc(0), pending: [] };
    this.dirOp(path, (name) => ({ kind: 'set', name, entry: { kind: 'file', node } }));
    return this.wrap(handle, path, this.parentOf(path) ? node : null, false);
  }

  async openAppend(path: string): Promise<FileHandleLike> {
    const handle = await this.inner.openAppend(path);
    return this.wrap(handle, path, this.fileAt(path), true);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.mutation(`rename ${basename(from)} → ${basename(to)}`);
    if (this.parentOf(from) && dirname(resolve(from)) !== dirname(resolve(to))) throw new Error('power-fs: renames across folders are not modelled');
    await this.inner.rename(from, to);
    this.dirOp(from, (name) => ({ kind: 'rename', from: name, to: basename(to) }));
  }

  async link(existing: string, newPath: string): Promise<void> {
    await this.mutation(`link ${basename(existing)} → ${basename(newPath)}`);
    await this.inner.link(existing, newPath);
    const node = this.fileAt(existing);
    if (node) this.dirOp(newPath, (name) => ({ kind: 'set', name, entry: { kind: 'file', node } }));
  }

  async copyFile(from: string, to: string): Promise<void> {
    await this.mutation(`copy ${basename(from)} → ${basename(to)}`);
    await this.inner.copyFile(from, to);
    const source = this.fileAt(from);
    if (!source) return;
    // A copy is data written and not synced, under a name not synced.
    const node: FileNode = { current: source.current, durable: Buffer.alloc(0), pending: [{ kind: 'write', offset: 0, data: source.current }] };
    this.dirOp(to, (name) => ({ kind: 'set', name, entry: { kind: 'file', node } }));
  }

  async unlink(path: string): Promise<void> {
    await this.mutation(`unlink ${basename(path)}`);
    await this.inner.unlink(path);
    this.dirOp(path, (name) => ({ kind: 'delete', name }));
  }

  exists(path: string): Promise<boolean> {
    return this.inner.exists(path);
  }

  async syncDir(path: string): Promise<void> {
    await this.mutation(`fsync folder ${basename(path)}`);
    await this.inner.syncDir(path);
    const dir = this.dirs.get(resolve(path));
    if (dir) {
      dir.durable = new Map(dir.current);
      dir.pending = [];
    }
  }

  openRead(path: string): Promise<ReadHandleLike> {
    return this.inner.openRead(path);
  }

  readdir(path: string): Promise<string[]> {
    return this.inner.readdir(path);
  }

  stat(path: string): Promise<FileStat> {
    return this.inner.stat(path);
  }

  async mkdir(path: string, mode: number): Promise<void> {
    await this.mutation(`mkdir ${basename(path)}`);
    await this.inner.mkdir(path, mode);
    const full = resolve(path);
    if (!this.parentOf(full)) return;
    this.dirs.set(full, { current: new Map(), durable: new Map(), pending: [] });
    this.dirOp(full, (name) => ({ kind: 'set', name, entry: { kind: 'dir', path: full } }));
  }

  private wrap(handle: FileHandleLike, path: string, node: FileNode | null, append: boolean): FileHandleLike {
    let position = 0;
    const record = (op: DataOp): void => {
      if (!node) return;
      node.pending.push(op);
      node.current = applyData(node.current, op);
    };
    return {
      write: async (buffer) => {
        await this.mutation(`write ${buffer.length} B to ${basename(path)}`);
        await handle.write(buffer);
        const offset = append ? (node?.current.length ?? 0) : position;
        record({ kind: 'write', offset, data: Buffer.from(buffer) });
        position = offset + buffer.length;
      },
      sync: async () => {
        await this.mutation(`fsync ${basename(path)}`);
        await handle.sync();
        if (node) {
          node.durable = node.current;
          node.pending = [];
        }
      },
      truncate: async (length) => {
        await this.mutation(`truncate ${basename(path)} to ${length}`);
        await handle.truncate(length);
        record({ kind: 'truncate', length });
      },
      close: () => handle.close(),
    };
  }
}

function applyDirOp(entries: Map<string, Entry>, op: DirOp): void {
  if (op.kind === 'set') entries.set(op.name, op.entry);
  else if (op.kind === 'delete') entries.delete(op.name);
  else {
    const entry = entries.get(op.from);
    // A rename whose source name never reached the disk leaves the target as it was.
    if (!entry) return;
    entries.set(op.to, entry);
    entries.delete(op.from);
  }
}

/** Writes `image` into the empty folder `dest`, as a rebooted machine would find it. */
export async function materialise(image: CrashImage, dest: string): Promise<void> {
  for (const dir of image.dirs) await mkdir(join(dest, dir), { recursive: true, mode: 0o700 });
  for (const [path, content] of image.files) await writeFile(join(dest, path), content, { mode: 0o600 });
}
