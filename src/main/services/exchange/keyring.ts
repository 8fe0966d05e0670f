import { promises as fsp } from 'node:fs';
import { z } from 'zod';
import { open as openSealed, seal } from '../../store/keys';
import { StoreError } from '../../store/store-error';
import { newIdentity, type OwnIdentity, type PartnerKey } from './identity';

const MAGIC = Buffer.from('CFWKEYS1');

const KeyringData = z
  .object({
    version: z.literal(1),
    identity: z.object({ name: z.string(), signingPrivate: z.string(), signingKey: z.string(), ageIdentity: z.string(), ageRecipient: z.string(), createdAt: z.string() }).strict(),
    partners: z.array(z.object({ name: z.string(), signingKey: z.string(), ageRecipient: z.string().optional(), addedAt: z.string() }).strict()),
    /** Sequence number of the last case file this identity exported from this case. */
    exportSequence: z.number().int().min(0),
  })
  .strict();
export type KeyringData = z.infer<typeof KeyringData>;

/**
 * The exchange keys of one case: `<case>.cfcase.keys` next to the case file, sealed with the
 * case's own data key (AES-256-GCM, AAD = magic + case id), so it opens exactly when the case
 * does and never holds a key in the clear. Created on first use.
 */
export class Keyring {
  private constructor(
    private readonly path: string,
    private readonly dataKey: Buffer,
    private readonly caseId: string,
    private data: KeyringData,
  ) {}

  static pathFor(casePath: string): string {
    return `${casePath}.keys`;
  }

  static async open(casePath: string, dataKey: Buffer, caseId: string, userName: string): Promise<Keyring> {
    const path = Keyring.pathFor(casePath);
    let bytes: Buffer | null = null;
    try {
      bytes = await fsp.readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError('IO', `Cannot read the exchange keys ${path}: ${(error as Error).message}.`);
    }
    if (!bytes) {
      const keyring = new Keyring(path, dataKey, caseId, { version: 1, identity: await newIdentity(userName), partners: [], exportSequence: 0 });
      await keyring.save();
      return keyring;
    }
    const aad = Buffer.concat([MAGIC, Buffer.from(caseId)]);
    const plain = bytes.subarray(0, 8).equals(MAGIC) ? openSealed(dataKey, bytes.subarray(8, 20), bytes.subarray(20), aad) : null;
    if (!plain) throw new StoreError('CORRUPT_STORE', `The exchange keys ${path} were altered or belong to another case. Move the file away to create new keys (partners will then see a new fingerprint).`);
    const parsed = KeyringData.safeParse(JSON.parse(plain.toString('utf8')));
    if (!parsed.success) throw new StoreError('CORRUPT_STORE', `The exchange keys ${path} are not in a format this version reads.`);
    return new Keyring(path, dataKey, caseId, parsed.data);
  }

  get identity(): OwnIdentity {
    return this.data.identity;
  }

  get partners(): readonly PartnerKey[] {
    return this.data.partners;
  }

  partnerFor(signingKey: string): PartnerKey | undefined {
    return this.data.partners.find((p) => p.signingKey === signingKey);
  }

  /** Adds or renames a partner (one entry per signing key). */
  async addPartner(partner: PartnerKey): Promise<void> {
    this.data.partners = [...this.data.partners.filter((p) => p.signingKey !== partner.signingKey), partner];
    await this.save();
  }

  async removePartner(signingKey: string): Promise<boolean> {
    const before = this.data.partners.length;
    this.data.partners = this.data.partners.filter((p) => p.signingKey !== signingKey);
    await this.save();
    return this.data.partners.length < before;
  }

  /** The next export's sequence number, written down before the file is. */
  async nextSequence(): Promise<number> {
    this.data.exportSequence += 1;
    await this.save();
    return this.data.exportSequence;
  }

  private async save(): Promise<void> {
    const aad = Buffer.concat([MAGIC, Buffer.from(this.caseId)]);
    const sealed = seal(this.dataKey, Buffer.from(JSON.stringify(this.data)), aad);
    const tmp = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fsp.writeFile(tmp, Buffer.concat([MAGIC, sealed.nonce, sealed.data]), { mode: 0o600 });
      await fsp.rename(tmp, this.path);
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw new StoreError('IO', `Cannot save the exchange keys ${this.path}: ${(error as Error).message}.`);
    }
  }
}
