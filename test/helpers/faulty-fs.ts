import type { FileHandleLike, FileStat, FileSystem, ReadHandleLike } from '../../src/main/store/file-system';
import { nodeFileSystem } from '../../src/main/store/file-system';

/** Every operation of the FileSystem port, and of the handles it returns. */
export type FsOp =
  | 'readFile'
  | 'createExclusive'
  | 'openAppend'
  | 'rename'
  | 'link'
  | 'copyFile'
  | 'unlink'
  | 'exists'
  | 'syncDir'
  | 'write'
  | 'sync'
  | 'truncate'
  | 'close'
  | 'openRead'
  | 'read'
  | 'size'
  | 'readdir'
  | 'stat'
  | 'mkdir';

export interface Fault {
  op: FsOp;
  /** errno code of the thrown error, e.g. 'EACCES' or 'ENOSPC'. */
  code: string;
  /** Only calls whose path (first path for rename/link/copy; the handle's file for handle ops) matches. */
  path?: RegExp;
  /** For `write`: let this many bytes of the call reach the file before failing, as a full disk does. */
  afterBytes?: number;
  /** Skip this many matching calls before the fault fires (default 0). */
  skip?: number;
  /** How many times it fires (default: every time until cleared). */
  times?: number;
}

function systemError(code: string, op: FsOp, path: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: injected fault, ${op} '${path}'`) as NodeJS.ErrnoException;
  error.code = code;
  error.syscall = op;
  error.path = path;
  return error;
}

/**
 * The real file system with injectable faults: permission denied, disk full (optionally after
 * part of a write reached the disk). Records every call, so tests can aim a fault at a step.
 */
export class FaultyFileSystem implements FileSystem {
  readonly calls: Array<{ op: FsOp; path: string }> = [];
  private faults: Array<Fault & { seen: number; fired: number }> = [];
  /** Runs after a handle's fsync succeeded (a test's way to make something happen at that moment). */
  onSync: ((path: string) => void) | undefined;
  /** Runs before a file is opened for reading. */
  onOpenRead: ((path: string) => Promise<void>) | undefined;

  constructor(private readonly inner: FileSystem = nodeFileSystem) {}

  inject(fault: Fault): void {
    this.faults.push({ ...fault, seen: 0, fired: 0 });
  }

  clear(): void {
    this.faults = [];
  }

  /** How many times any injected fault fired. */
  get firedCount(): number {
    return this.faults.reduce((n, f) => n + f.fired, 0);
  }

  private match(op: FsOp, path: string): (Fault & { seen: number; fired: number }) | undefined {
    this.calls.push({ op, path });
    for (const fault of this.faults) {
      if (fault.op !== op || (fault.path && !fault.path.test(path))) continue;
      if (fault.times !== undefined && fault.fired >= fault.times) continue;
      fault.seen++;
      if (fault.seen <= (fault.skip ?? 0)) continue;
      fault.fired++;
      return fault;
    }
    return undefined;
  }

  private check(op: FsOp, path: string): void {
    const fault = this.match(op, path);
    if (fault) throw systemError(fault.code, op, path);
  }

  private wrap(handle: FileHandleLike, path: string): FileHandleLike {
    return {
      write: async (buffer) => {
        const fault = this.match('write', path);
        if (!fault) return handle.write(buffer);
        const partial = Math.min(fault.afterBytes ?? 0, buffer.length);
        if (partial > 0) await handle.write(buffer.subarray(0, partial));
        throw systemError(fault.code, 'write', path);
      },
      sync: async () => {
        this.check('sync', path);
        await handle.sync();
        this.onSync?.(path);
      },
      truncate: async (length) => {
        this.check('truncate', path);
        return handle.truncate(length);
      },
      close: async () => {
        // A failed close still releases the descriptor, as close(2) does.
        const fault = this.match('close', path);
        await handle.close();
        if (fault) throw systemError(fault.code, 'close', path);
      },
    };
  }

  private wrapRead(handle: ReadHandleLike, path: string): ReadHandleLike {
    return {
      read: async (buffer, position) => {
        this.check('read', path);
        return handle.read(buffer, position);
      },
      size: async () => {
        this.check('size', path);
        return handle.size();
      },
      close: async () => {
        const fault = this.match('close', path);
        await handle.close();
        if (fault) throw systemError(fault.code, 'close', path);
      },
    };
  }

  async readFile(path: string): Promise<Buffer> {
    this.check('readFile', path);
    return this.inner.readFile(path);
  }

  async createExclusive(path: string): Promise<FileHandleLike> {
    this.check('createExclusive', path);
    return this.wrap(await this.inner.createExclusive(path), path);
  }

  async openAppend(path: string): Promise<FileHandleLike> {
    this.check('openAppend', path);
    return this.wrap(await this.inner.openAppend(path), path);
  }

  async rename(from: string, to: string): Promise<void> {
    this.check('rename', `${from} -> ${to}`);
    return this.inner.rename(from, to);
  }

  async link(existing: string, newPath: string): Promise<void> {
    this.check('link', `${existing} -> ${newPath}`);
    return this.inner.link(existing, newPath);
  }

  async copyFile(from: string, to: string): Promise<void> {
    this.check('copyFile', `${from} -> ${to}`);
    return this.inner.copyFile(from, to);
  }

  async unlink(path: string): Promise<void> {
    this.check('unlink', path);
    return this.inner.unlink(path);
  }

  async exists(path: string): Promise<boolean> {
    this.check('exists', path);
    return this.inner.exists(path);
  }

  async syncDir(path: string): Promise<void> {
    this.check('syncDir', path);
    return this.inner.syncDir(path);
  }

  async openRead(path: string): Promise<ReadHandleLike> {
    this.check('openRead', path);
    await this.onOpenRead?.(path);
    return this.wrapRead(await this.inner.openRead(path), path);
  }

  async readdir(path: string): Promise<string[]> {
    this.check('readdir', path);
    return this.inner.readdir(path);
  }

  async stat(path: string): Promise<FileStat> {
    this.check('stat', path);
    return this.inner.stat(path);
  }

  async mkdir(path: string, mode: number): Promise<void> {
    this.check('mkdir', path);
    return this.inner.mkdir(path, mode);
  }
}
