import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tempDir } from './store';

/** Why a small tmpfs cannot be mounted here (tests that need a genuinely full disk skip), or null. */
export function cannotMountTmpfs(): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = tempDir('probe');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
  if (mounted.status !== 0) return `mount is not permitted here: ${mounted.stderr.toString().trim()}`;
  spawnSync('umount', [dir]);
  return null;
}

/** A fresh tmpfs of `size` (e.g. '256k'); unmount it when done. */
export function mountTmpfs(size: string): { dir: string; unmount: () => void } {
  const dir = tempDir('tmpfs');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  if (mounted.status !== 0) throw new Error(mounted.stderr.toString());
  return { dir, unmount: () => void spawnSync('umount', ['-l', dir]) };
}

/** Fills the disk with `filler`, then frees `leave` bytes, so the next write gets about that far and then fails with ENOSPC. */
export function fillDisk(filler: string, leave: number): () => void {
  const chunk = Buffer.alloc(4096, 0x5a);
  let written = 0;
  for (;;) {
    try {
      writeFileSync(filler, chunk, { flag: 'a' });
      written += chunk.length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      break;
    }
  }
  writeFileSync(filler, Buffer.alloc(Math.max(0, written - leave), 0x5a));
  return () => rmSync(filler, { force: true });
}
