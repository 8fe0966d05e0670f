import { promises as fsp } from 'node:fs';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import type { RecentCase } from '../../shared/ipc/contract';
import { writeFileAtomic } from '../store/atomic-write';
import { nodeFileSystem } from '../store/file-system';

const RecentFile = z.object({
  version: z.literal(1),
  cases: z.array(z.object({ path: z.string(), lastOpenedAt: z.string(), keychain: z.boolean().optional() })),
});
type RecentFile = z.infer<typeof RecentFile>;

const MAX_RECENT = 12;

/**
 * The recently opened cases: paths and times only. Case names live inside the encrypted
 * file, so this list never reveals what a case is about.
 */
export class RecentCases {
  constructor(
    private readonly file: string,
    private readonly demoPath: string,
  ) {}

  async list(): Promise<RecentCase[]> {
    const data = await this.load();
    return Promise.all(
      data.cases.map(async (c) => ({
        path: c.path,
        fileName: basename(c.path),
        lastOpenedAt: c.lastOpenedAt,
        exists: await fsp.access(c.path).then(
          () => true,
          () => false,
        ),
        isDemo: c.path === this.demoPath,
        keychain: c.keychain ?? false,
      })),
    );
  }

  async touch(path: string, keychain?: boolean): Promise<void> {
    const data = await this.load();
    const previous = data.cases.find((c) => c.path === path);
    const entry = { path, lastOpenedAt: new Date().toISOString(), keychain: keychain ?? previous?.keychain ?? false };
    const cases = [entry, ...data.cases.filter((c) => c.path !== path)].slice(0, MAX_RECENT);
    await this.save({ version: 1, cases });
  }

  private async load(): Promise<RecentFile> {
    try {
      const parsed = RecentFile.safeParse(JSON.parse(await fsp.readFile(this.file, 'utf8')));
      // A damaged recent list costs only convenience: start a fresh one.
      return parsed.success ? parsed.data : { version: 1, cases: [] };
    } catch {
      return { version: 1, cases: [] };
    }
  }

  private async save(data: RecentFile): Promise<void> {
    await fsp.mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(nodeFileSystem, this.file, Buffer.from(JSON.stringify(data, null, 2)), { backup: false });
  }
}
