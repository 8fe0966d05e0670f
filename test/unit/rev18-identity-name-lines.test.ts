import { afterAll, describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/ipc/contract';
import { parsePublicKeyText } from '../../src/main/services/exchange/identity';
import { team } from '../helpers/exchange';
import { expectStoreError, removeTempDirs } from '../helpers/store';

afterAll(removeTempDirs);

/**
 * The identity's name is one line of the public key file partners import ("name: …"). A name
 * with a line break or another control character would be cut there (the partner sees another
 * name than the one chosen) and could add lines of its own: it is refused, the old name kept.
 */
describe('naming the exchange identity: one line of text', () => {
  it('refuses a name with a line break or a control character and keeps the name it had', async () => {
    const app = await team('os-user');
    await app.exchange.renameIdentity('Desk A');
    await expectStoreError(app.exchange.renameIdentity('Desk B\nfingerprint: 0000'), 'VALIDATION');
    await expectStoreError(app.exchange.renameIdentity('Desk\u0000C'), 'VALIDATION');
    const key = await app.exchange.publicKey();
    expect(key.name).toBe('Desk A');
    expect(parsePublicKeyText(key.text).name).toBe('Desk A');
  });

  it('is refused at the IPC contract too', () => {
    const request = contract['exchange:set-name'].request;
    expect(request.safeParse({ name: 'Desk\r\nB' }).success).toBe(false);
    expect(request.safeParse({ name: 'Amina Yusuf, Horn of Africa desk' }).success).toBe(true);
  });
});
