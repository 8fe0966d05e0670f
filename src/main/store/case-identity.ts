import { promises as fsp, realpath } from 'node:fs';
import { promisify } from 'node:util';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { fromSystemError } from './store-error';

/**
 * A case is named by its real location, not by the string that reached us: `dir/./x.cfcase`, a
 * symlink to it, a relative path and a dialog's path are the same case, and must share one lock,
 * one journal and one `.bak`.
 *
 * The case file's own inode is no identity: every save renames a new file over it. The folder's
 * device and inode plus the file's name are: they survive saves, and they see through symlinked
 * or bind-mounted folders.
 */
/** The OS's realpath: on case-insensitive file systems it also gives the name's stored case. */
const realpathNative = promisify(realpath.native);

export interface CaseIdentity {
  /** The real path: folders' symlinks resolved, the file's own symlink followed. */
  path: string;
  /** `<device>:<inode>` of the folder, then the file name; equal for every spelling of one case. */
  key: string;
}

/** Identity of an existing case file (follows a symlinked case file to its target). */
export async function identityOfExisting(path: string): Promise<CaseIdentity> {
  let real: string;
  try {
    // The OS resolves the path as given: `dir/link/../x` is the `..` of where the link points,
    // which resolving the text first (path.resolve) would get wrong.
    real = await realpathNative(path);
  } catch (error) {
    throw fromSystemError(error, path, 'opening');
  }
  return identityIn(dirname(real), basename(real));
}

/** Identity of a case file about to be created: its folder must exist. */
export async function identityOfNew(path: string): Promise<CaseIdentity> {
  const absolute = isAbsolute(path) ? path : `${process.cwd()}/${path}`;
  let dir: string;
  try {
    // dirname keeps any `..` in the text; the OS resolves it after the links before it.
    dir = await realpathNative(dirname(absolute));
  } catch (error) {
    throw fromSystemError(error, path, 'creating');
  }
  return identityIn(dir, basename(absolute));
}

async function identityIn(dir: string, name: string): Promise<CaseIdentity> {
  const info = await fsp.stat(dir, { bigint: true });
  return { path: join(dir, name), key: `${info.dev}:${info.ino}/${name}` };
}

/** The identity of `path` if it names a case file that exists, else null (never throws). */
export async function identityIfExists(path: string): Promise<CaseIdentity | null> {
  return identityOfExisting(path).catch(() => null);
}
