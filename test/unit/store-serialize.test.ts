import { createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { sealInSlices, serializeInSlices } from '../../src/main/store/serialize';

describe('serialising a case in slices', () => {
  it('produces exactly the bytes of JSON.stringify', async () => {
    const doc = buildDemoCase('2024-06-01T00:00:00.000Z');
    expect(Buffer.concat(await serializeInSlices(doc)).toString('utf8')).toBe(JSON.stringify(doc));
    const odd = { a: [1, undefined, 'x\u2028y', { b: undefined }], skipped: undefined, n: null, s: 'ünïcødé 🙂 خراسان' };
    expect(Buffer.concat(await serializeInSlices(odd)).toString('utf8')).toBe(JSON.stringify(odd));
  });

  it('gives the event loop turns while serialising a large case', async () => {
    const big = { events: Array.from({ length: 60_000 }, (_, i) => ({ id: `event--${i}`, title: 'x'.repeat(200), n: i })) };
    let turns = 0;
    const tick = setInterval(() => turns++, 1);
    const chunks = await serializeInSlices(big);
    clearInterval(tick);
    expect(turns).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(1);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual(big);
  });

  it('seals chunks so that one-shot decryption recovers them', async () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const aad = Buffer.from('header');
    const chunks = [Buffer.from('first '), Buffer.from('second '), Buffer.from('third')];
    const sealed = Buffer.concat(await sealInSlices(key, nonce, chunks, aad));
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
    expect(plain.toString()).toBe('first second third');
  });
});
