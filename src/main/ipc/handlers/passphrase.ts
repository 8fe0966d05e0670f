import { ok } from '../../../shared/ipc/result';
import { passphraseStrength } from '../../services/passphrase-strength';
import type { Handlers } from '../guard';

/** How strong a passphrase being chosen is. The passphrase is neither logged nor kept. */
export function passphraseHandlers(): Pick<Handlers, 'passphrase:strength'> {
  return {
    'passphrase:strength': async ({ passphrase, use, demo, context }) => ok(await passphraseStrength(passphrase, use, { demo: demo ?? false, context: context ?? [] })),
  };
}
