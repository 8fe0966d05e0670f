import { promises as fsp, constants } from 'node:fs';

/**
 * The file operations the store needs, as a port: the real one below, and fault-injecting
 * ones in tests (disk full, permission denied part-way) without needing root tricks.
 */
export interface FileHandleLike {
  write(buffer: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** A file opened for reading at explicit offsets (blobs seek to the chunks a range needs). */
export interface ReadHandleLike {
  /** Reads up to `buffer.length` bytes at `position`; resolves with how many were read (0 at the end). */
  read(buffer: Uint8Array, position: number): Promise<number>;
  /** The open file's length in bytes (of this descriptor, even if the name was replaced since). */
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
  /** Device and inode: the same for a file under any name, new for a file that replaced it. */
  identity?: string;
}

export interface FileSystem {
  readFile(path: string): Promise<Buffer>;
  /** Creates a new file; fails if it exists. */
  createExclusive(path: string): Promise<FileHandleLike>;
  /** Opens an existing file for appending. */
  openAppend(path: string): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  syncDir(path: string): Promise<void>;
  /** Opens an existing file for reading. */
  openRead(path: string): Promise<ReadHandleLike>;
  /** The names in a folder (not paths), in no particular order. */
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<FileStat>;
  /** Creates one folder with `mode` (before umask); fails with EEXIST if it is there. */
  mkdir(path: string, mode: number): Promise<void>;
}

function wrapHandle(handle: fsp.FileHandle): FileHandleLike {
  return {
    async write(buffer) {
      let offset = 0;
      while (offset < buffer.length) {
        const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
        offset += bytesWritten;
      }
    },
    sync: () => handle.sync(),
    truncate: (length) => handle.truncate(length),
    close: () => handle.close(),
  };
}

function wrapReadHandle(handle: fsp.FileHandle): ReadHandleLike {
  return {
    read: async (buffer, position) => (await handle.read(buffer, 0, buffer.length, position)).bytesRead,
    size: async () => (await handle.stat()).size,
    close: () => handle.close(),
  };
}

export const nodeFileSystem: FileSystem = {
  readFile: (path) => fsp.readFile(path),
  createExclusive: async (path) => wrapHandle(await fsp.open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600)),
  openAppend: async (path) => wrapHandle(await fsp.open(path, constants.O_WRONLY | constants.O_APPEND)),
  rename: (from, to) => fsp.rename(from, to),
  link: (existing, newPath) => fsp.link(existing, newPath),
  // A clone where the file system can share blocks (a copy otherwise); never over an existing file.
  copyFile: (from, to) => fsp.copyFile(from, to, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE),
  unlink: (path) => fsp.unlink(path),
  exists: async (path) => {
    try {
      await fsp.access(path);
      return true;
    } catch {
      return false;
    }
  },
  syncDir: async (path) => {
    const handle = await fsp.open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  openRead: async (path) => wrapReadHandle(await fsp.open(path, 'r')),
  readdir: (path) => fsp.readdir(path),
  stat: async (path) => {
    const stats = await fsp.stat(path, { bigint: true });
    return { size: Number(stats.size), mtimeMs: Number(stats.mtimeMs), identity: `${stats.dev}:${stats.ino}` };
  },
  mkdir: async (path, mode) => {
    await fsp.mkdir(path, { mode });
  },
};
