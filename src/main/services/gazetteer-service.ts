import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { err, ok, type Result } from '../../shared/ipc/result';
import { Gazetteer } from '../../shared/places/gazetteer';
import type { PlaceHit, PlaceQuery } from '../../shared/places/place';

const FILE = 'gazetteer.tsv.gz';

/**
 * Where the place list is: beside the bundle (build-main copies it to dist/electron and dist/cli)
 * or, run from the sources, in assets/.
 */
function gazetteerPath(): string | null {
  const candidates = [new URL(FILE, import.meta.url), new URL(`../../../assets/${FILE}`, import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((path) => existsSync(path)) ?? null;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Offline place search for the event editor, the CSV import and the CLI. The list (135,000 places)
 * is read once, on the first search or `warmUp()`, and kept in main: the renderer only ever
 * receives the few hits it asked for.
 */
export class GazetteerService {
  private loading: Promise<Result<Gazetteer>> | null = null;

  constructor(private readonly path: () => string | null = gazetteerPath) {}

  /** Starts reading the list in the background so the first search does not wait for it. */
  warmUp(): void {
    void this.gazetteer();
  }

  async search(query: PlaceQuery): Promise<Result<PlaceHit[]>> {
    const gazetteer = await this.gazetteer();
    return gazetteer.ok ? ok(gazetteer.value.search(query)) : gazetteer;
  }

  gazetteer(): Promise<Result<Gazetteer>> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<Result<Gazetteer>> {
    const path = this.path();
    if (!path) return err('UNAVAILABLE', `The place list (${FILE}) is missing from this installation, so places cannot be looked up. Reinstall the app, or build the list with "node scripts/build-gazetteer.mjs". Coordinates can still be typed.`);
    try {
      const text = (await promisify(gunzip)(await readFile(path))).toString('utf8');
      return ok(await Gazetteer.load(text, yieldToEventLoop));
    } catch (error) {
      this.loading = null; // a later search tries again
      return err('IO', `The place list ${path} could not be read (${(error as Error).message}). Reinstall the app or rebuild the list with "node scripts/build-gazetteer.mjs".`);
    }
  }
}

/** The one list per process. */
export const gazetteerService = new GazetteerService();
