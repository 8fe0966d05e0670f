import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Marking } from '../../../shared/domain/marking';
import { oneAtATime, writeSealedJson } from '../../store/sealed-json';
import { nodeFileSystem, type FileSystem } from '../../store/file-system';
import { open as openSealed } from '../../store/keys';
import { StoreError } from '../../store/store-error';
import type { SecretSealer } from '../secrets/secret-sealer';
import type { TaxiiAuth } from './types';

/**
 * A case's TAXII connections and what it remembers per server collection, in `<case>.taxii`
 * beside the case file, sealed with the case's data key like the exchange keys (AES-256-GCM,
 * AAD = magic + case id): it opens exactly when the case does, and never holds a secret in the
 * clear. It is deliberately not a collection of the case document: records there reach the
 * history (shown in the app), undo, and the exchange payload; a password must reach none of them,
 * and undoing a merge must not rewind what the server has already seen. Losing the file costs a
 * re-entered password and one full pull or push (both idempotent), never case data.
 */

export const TAXII_MAGIC = Buffer.from('CFWTAXI1');

const Auth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('basic'), user: z.string().max(1_000), password: z.string().max(10_000) }).strict(),
  z.object({ kind: z.literal('bearer'), token: z.string().max(10_000) }).strict(),
]);

const Connection = z
  .object({
    id: z.string(),
    label: z.string().min(1).max(300),
    discoveryUrl: z.string().max(2_000),
    auth: Auth,
    caPem: z.string().max(200_000).optional(),
    /**
     * The password or token sealed by the OS keychain (base64), when the host has a real one; the
     * auth's own password/token is then empty. Absent: the secret is in `auth`, sealed only by this
     * file (the case's keyring).
     */
    osSecret: z.string().max(40_000).optional(),
    addedAt: z.string(),
  })
  .strict();
export type StoredConnection = z.infer<typeof Connection>;

const StixLike = z.object({ type: z.string(), id: z.string() }).passthrough();

const CollectionSync = z
  .object({
    /** added_after of the next pull: the date_added high-water mark of the last pull merged. */
    cursor: z.string().optional(),
    /** Complete pages received since `cursor` and not merged yet: a pull resumes after them. */
    pending: z.object({ after: z.string().optional(), highWater: z.string().optional(), objects: z.array(StixLike) }).strict().optional(),
    /** What this case sent: STIX id → content hash (without timestamps), created, modified. */
    sent: z.record(z.string(), z.object({ hash: z.string(), created: z.string(), modified: z.string() }).strict()),
    /** `collection/id` → version hash of the record as the server holds it (pushed or merged): the merge's common version. */
    synced: z.record(z.string(), z.string()),
    /** The marking the last push was cut at: our records are compared as that cut carries them. */
    cap: Marking.optional(),
    /** The merges that moved the cursor (audit seq) and the cursor before each: an undone merge gives its objects back to the next pull. */
    merges: z.array(z.object({ seq: z.number().int(), cursor: z.string().optional() }).strict()).max(1_000).optional(),
  })
  .strict();
export type CollectionSync = z.infer<typeof CollectionSync>;

const TaxiiData = z
  .object({
    version: z.literal(1),
    connections: z.array(Connection),
    /** Keyed by `<API root URL>|<collection id>`, so the app and the CLI share it for one server. */
    sync: z.record(z.string(), CollectionSync),
  })
  .strict();
type TaxiiData = z.infer<typeof TaxiiData>;

/** A connection as the renderer, a log or the CLI may see it: never the secret or the CA's text. */
export interface ConnectionInfo {
  id: string;
  label: string;
  discoveryUrl: string;
  authKind: StoredConnection['auth']['kind'];
  user?: string;
  hasSecret: boolean;
  /** Where the secret is kept: this OS account's keychain, or the case's encrypted keyring. */
  secretStore?: 'os-keychain' | 'case-keyring';
  hasCa: boolean;
  addedAt: string;
}

export function connectionInfo(c: StoredConnection): ConnectionInfo {
  return {
    id: c.id,
    label: c.label,
    discoveryUrl: c.discoveryUrl,
    authKind: c.auth.kind,
    ...(c.auth.kind === 'basic' ? { user: c.auth.user } : {}),
    ...secretOf(c),
    hasCa: Boolean(c.caPem),
    addedAt: c.addedAt,
  };
}

function secretOf(c: StoredConnection): Pick<ConnectionInfo, 'hasSecret' | 'secretStore'> {
  if (c.osSecret) return { hasSecret: true, secretStore: 'os-keychain' };
  const inFile = c.auth.kind === 'basic' ? c.auth.password.length > 0 : c.auth.kind === 'bearer' ? c.auth.token.length > 0 : false;
  return inFile ? { hasSecret: true, secretStore: 'case-keyring' } : { hasSecret: false };
}

export function syncKey(apiRootUrl: string, collectionId: string): string {
  return `${apiRootUrl}|${collectionId}`;
}

export function emptySync(): CollectionSync {
  return { sent: {}, synced: {} };
}


export class TaxiiSyncStore {
  private constructor(
    private readonly path: string,
    private readonly dataKey: Buffer,
    private readonly caseId: string,
    private readonly fs: FileSystem,
  ) {}

  static pathFor(casePath: string): string {
    return `${casePath}.taxii`;
  }

  static for(casePath: string, dataKey: Buffer, caseId: string, options: { fs?: FileSystem } = {}): TaxiiSyncStore {
    return new TaxiiSyncStore(TaxiiSyncStore.pathFor(casePath), dataKey, caseId, options.fs ?? nodeFileSystem);
  }

  async connections(): Promise<StoredConnection[]> {
    return (await this.read()).connections;
  }

  async connection(id: string): Promise<StoredConnection> {
    const found = (await this.read()).connections.find((c) => c.id === id);
    if (!found) throw new StoreError('NOT_FOUND', `No TAXII connection with id ${id}; it may have been removed. Add it again.`);
    return found;
  }

  async addConnection(input: Omit<StoredConnection, 'id' | 'addedAt'>): Promise<StoredConnection> {
    const connection = Connection.parse({ ...input, id: `taxii--${randomUUID()}`, addedAt: new Date().toISOString() });
    await this.update((data) => {
      data.connections.push(connection);
    });
    return connection;
  }

  async removeConnection(id: string): Promise<boolean> {
    return this.update((data) => {
      const before = data.connections.length;
      data.connections = data.connections.filter((c) => c.id !== id);
      return data.connections.length < before;
    });
  }

  async sync(key: string): Promise<CollectionSync> {
    return (await this.read()).sync[key] ?? emptySync();
  }

  /** Changes one collection's memory: read again, changed, written atomically. */
  async updateSync(key: string, change: (sync: CollectionSync) => void): Promise<void> {
    await this.update((data) => {
      const sync = data.sync[key] ?? emptySync();
      change(sync);
      data.sync[key] = sync;
    });
  }

  private async read(): Promise<TaxiiData> {
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, connections: [], sync: {} };
      throw new StoreError('IO', `Cannot read the TAXII connections ${this.path}: ${(error as Error).message}.`);
    }
    const aad = Buffer.concat([TAXII_MAGIC, Buffer.from(this.caseId)]);
    const plain = bytes.subarray(0, 8).equals(TAXII_MAGIC) ? openSealed(this.dataKey, bytes.subarray(8, 20), bytes.subarray(20), aad) : null;
    if (!plain) throw new StoreError('CORRUPT_STORE', `The TAXII connections ${this.path} were altered or belong to another case. Move the file away and add the connections again (the next pull and push then start over).`);
    let json: unknown;
    try {
      json = JSON.parse(plain.toString('utf8'));
    } catch {
      json = undefined;
    }
    const parsed = TaxiiData.safeParse(json);
    if (!parsed.success) throw new StoreError('CORRUPT_STORE', `The TAXII connections ${this.path} are not in a format this version reads.`);
    return parsed.data;
  }

  private update<T>(change: (data: TaxiiData) => T): Promise<T> {
    return oneAtATime(this.path, async () => {
      const data = await this.read();
      const result = change(data);
      await writeSealedJson(this.fs, this.path, TAXII_MAGIC, this.dataKey, this.caseId, data);
      return result;
    });
  }

}

/** The auth to store: with a sealer, the secret leaves `auth` and is kept only as the OS keychain's blob. */
export function sealSecret(auth: TaxiiAuth, sealer: SecretSealer | null): { auth: TaxiiAuth; osSecret?: string } {
  if (!sealer || auth.kind === 'none') return { auth };
  const secret = auth.kind === 'basic' ? auth.password : auth.token;
  if (!secret) return { auth };
  const osSecret = sealer.seal(secret).toString('base64');
  return { auth: auth.kind === 'basic' ? { ...auth, password: '' } : { ...auth, token: '' }, osSecret };
}

