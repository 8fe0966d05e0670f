import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { CsvMapping } from '../../../shared/formats/csv-mapping/mapping';

const MappingsFile = z.object({ version: z.literal(1), mappings: z.array(CsvMapping) });

/** Named column mappings, kept in the app's settings folder so every case can use them. */
export class MappingStore {
  constructor(private readonly file: string) {}

  async list(): Promise<CsvMapping[]> {
    try {
      const parsed = MappingsFile.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data.mappings : [];
    } catch {
      return [];
    }
  }

  async get(name: string): Promise<CsvMapping | null> {
    return (await this.list()).find((m) => m.name?.toLowerCase() === name.toLowerCase()) ?? null;
  }

  /** Saves (or replaces, by name) a mapping. */
  async save(mapping: CsvMapping & { name: string }): Promise<void> {
    const others = (await this.list()).filter((m) => m.name?.toLowerCase() !== mapping.name.toLowerCase());
    const body = JSON.stringify({ version: 1, mappings: [...others, mapping] }, null, 2);
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, body, { mode: 0o600 });
    await rename(temp, this.file);
  }
}

/** Where the saved mappings live: beside the app's other settings. */
export function mappingsFile(home: string): string {
  return join(home, 'import-mappings.json');
}
