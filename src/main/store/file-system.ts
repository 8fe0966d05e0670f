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

/** A file opened for reading at chosen positions (streamed reads of large cases). */
export interface ReadHandleLike {
  /** Reads up to `length` bytes at `position` into `buffer` from `offset`; returns how many were read (0 at the end). */
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface FileSystem {
  readFile(path: string): Promise<Buffer>;
  /** Opens an existing file for reading. */
  openRead(path: string): Promise<ReadHandleLike>;
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

export const nodeFileSystem: FileSystem = {
  readFile: (path) => fsp.readFile(path),
  openRead: async (path) => {
    const handle = await fsp.open(path, 'r');
    return {
      read: async (buffer, offset, length, position) => (await handle.read(buffer, offset, length, position)).bytesRead,
      size: async () => (await handle.stat()).size,
      close: () => handle.close(),
    };
  },
  createExclusive: async (path) => wrapHandle(await fsp.open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600)),
  openAppend: async (path) => wrapHandle(await fsp.open(path, constants.O_WRONLY | constants.O_APPEND)),
  rename: (from, to) => fsp.rename(from, to),
  link: (existing, newPath) => fsp.link(existing, newPath),
  copyFile: (from, to) => fsp.copyFile(from, to),
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
};
