import { z } from 'zod';
import { oneAtATime, writeSealedJson } from '../../store/sealed-json';
import { nodeFileSystem, type FileSystem } from '../../store/file-system';
import { open as openSealed } from '../../store/keys';
import { StoreError } from '../../store/store-error';
import { newIdentity, type OwnIdentity, type PartnerKey } from './identity';

/** Starts every keys file; the output guard refuses to write over one (services/output-file.ts). */
export const KEYS_MAGIC = Buffer.from('CFWKEYS1');
const MAGIC = KEYS_MAGIC;

const KeyringData = z
  .object({
    version: z.literal(1),
    identity: z.object({ name: z.string(), signingPrivate: z.string(), signingKey: z.string(), ageIdentity: z.string(), ageRecipient: z.string(), createdAt: z.string() }).strict(),
    partners: z.array(z.object({ name: z.string(), signingKey: z.string(), ageRecipient: z.string().optional(), addedAt: z.string() }).strict()),
    /** Sequence number of the last case file this identity exported from this case. */
    exportSequence: z.number().int().min(0),
    /**
     * True once the analyst chose the name the identity carries. Until then it holds the OS user
     * name only as a suggestion, and the app asks before the first export (keys files written
     * before this field read as not chosen).
     */
    nameChosen: z.boolean().optional(),
  })
  .strict();
export type KeyringData = z.infer<typeof KeyringData>;

/** Changes in progress per keys file in this process, so two of them never read the same base. */

/**
 * The exchange keys of one case: `<case>.cfcase.keys` next to the case file, sealed with the
 * case's own data key (AES-256-GCM, AAD = magic + case id), so it opens exactly when the case
 * does and never holds a key in the clear. Created on first use.
 *
 * Every change is read-modify-write: the file is read again, changed and written atomically
 * (temp file, fsync, rename, fsync of the folder). The app and the CLI may each hold the file,
 * so a copy read earlier must never be written back over what the other wrote since.
 */
export class Keyring {
  private constructor(
    private readonly path: string,
    private readonly dataKey: Buffer,
    private readonly caseId: string,
    private data: KeyringData,
    private readonly fs: FileSystem,
  ) {}

  static pathFor(casePath: string): string {
    return `${casePath}.keys`;
  }

  static async open(casePath: string, dataKey: Buffer, caseId: string, userName: string, options: { fs?: FileSystem } = {}): Promise<Keyring> {
    const path = Keyring.pathFor(casePath);
    const fs = options.fs ?? nodeFileSystem;
    const stored = await readKeyring(fs, path, dataKey, caseId);
    if (stored) return new Keyring(path, dataKey, caseId, stored, fs);
    const keyring = new Keyring(path, dataKey, caseId, { version: 1, identity: await newIdentity(userName), partners: [], exportSequence: 0 }, fs);
    // Written through the same read-modify-write: if another process made the keys meanwhile, theirs are kept.
    await keyring.update(() => undefined);
    return keyring;
  }

  get identity(): OwnIdentity {
    return this.data.identity;
  }

  get partners(): readonly PartnerKey[] {
    return this.data.partners;
  }

  /** True once the analyst chose the identity's name (else it is the OS user name, a suggestion). */
  get nameChosen(): boolean {
    return this.data.nameChosen === true;
  }

  /**
   * Sets the name case files and the public key carry from now on. The keys stay the same, so
   * partners who hold them keep trusting files signed with them; they see the new name.
   */
  async rename(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200) throw new StoreError('VALIDATION', 'Give a name of 1 to 200 characters for your exchange identity (partners see it on your public key and case files).');
    // The name is one line of the public key file ("name: …"): a line break would cut it there.
    if (/\p{Cc}/u.test(trimmed)) throw new StoreError('VALIDATION', 'Give your exchange identity a name on one line, without line breaks or other control characters.');
    await this.update((data) => {
      data.identity = { ...data.identity, name: trimmed };
      data.nameChosen = true;
    });
  }

  /** The number of the last case file exported from this case. */
  get exportSequence(): number {
    return this.data.exportSequence;
  }

  partnerFor(signingKey: string): PartnerKey | undefined {
    return this.data.partners.find((p) => p.signingKey === signingKey);
  }

  /** Adds or renames a partner (one entry per signing key). */
  async addPartner(partner: PartnerKey): Promise<void> {
    await this.update((data) => {
      data.partners = [...data.partners.filter((p) => p.signingKey !== partner.signingKey), partner];
    });
  }

  async removePartner(signingKey: string): Promise<boolean> {
    return this.update((data) => {
      const before = data.partners.length;
      data.partners = data.partners.filter((p) => p.signingKey !== signingKey);
      return data.partners.length < before;
    });
  }

  /** The next export's sequence number, written down before the file is. */
  async nextSequence(): Promise<number> {
    return this.update((data) => ++data.exportSequence);
  }

  /** Reads the file again, applies `change` to what it holds and writes the result, one change at a time per file. */
  private update<T>(change: (data: KeyringData) => T): Promise<T> {
    return oneAtATime(this.path, async () => {
      const data = structuredClone((await readKeyring(this.fs, this.path, this.dataKey, this.caseId)) ?? this.data);
      const result = change(data);
      await writeSealedJson(this.fs, this.path, MAGIC, this.dataKey, this.caseId, data);
      this.data = data;
      return result;
    });
  }

}

/** The keys file's contents, or null when there is none yet. */
async function readKeyring(fs: FileSystem, path: string, dataKey: Buffer, caseId: string): Promise<KeyringData | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError('IO', `Cannot read the exchange keys ${path}: ${(error as Error).message}.`);
  }
  const aad = Buffer.concat([MAGIC, Buffer.from(caseId)]);
  const plain = bytes.subarray(0, 8).equals(MAGIC) ? openSealed(dataKey, bytes.subarray(8, 20), bytes.subarray(20), aad) : null;
  if (!plain) throw new StoreError('CORRUPT_STORE', `The exchange keys ${path} were altered or belong to another case. Move the file away to create new keys (partners will then see a new fingerprint).`);
  const parsed = KeyringData.safeParse(parseJson(plain.toString('utf8')));
  if (!parsed.success) throw new StoreError('CORRUPT_STORE', `The exchange keys ${path} are not in a format this version reads.`);
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
