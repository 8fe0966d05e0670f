/**
 * How hard a chosen passphrase is to guess, by zxcvbn-ts (pattern matching against common
 * passwords, names, English words and keyboard runs), in words an analyst can act on. Used where
 * a passphrase is chosen: a new case, an exchange file protected by a passphrase (the New case
 * dialog and the export panel through `passphrase:strength`, and the CLI).
 *
 * The dictionaries are large (a few MB of word lists), so they load on first use, in main only:
 * the renderer bundle never carries them. Nothing here logs or keeps a passphrase; the estimator's
 * result (which holds it) is reduced to the fields below at once.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { PassphraseStrength, PassphraseUse } from '../../shared/ipc/channels/passphrase';
import { DEMO_PASSPHRASE } from '../demo/isk-case';

export type { PassphraseStrength, PassphraseUse } from '../../shared/ipc/channels/passphrase';

/** Scores below this (0–2 of 4) are weak: they need an explicit "use it anyway". */
export const STRONG_ENOUGH = 3;

const LABELS = ['very weak', 'weak', 'fair', 'strong', 'very strong'] as const;

/** Words that make a passphrase easy to guess for anyone who knows it protects a Casefile case. */
const CONTEXT_WORDS = ['casefile', 'workbench', 'case', 'khorasan', 'demo', 'tlp'];

let estimator: Promise<ZxcvbnFactory> | null = null;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory: Factory }, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    return new Factory({
      dictionary: { ...common.dictionary, ...en.dictionary, casefile: CONTEXT_WORDS },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })();
  return estimator;
}

/**
 * The strength of `passphrase` for `use`. `demo`: a new case built from the bundled demo data,
 * whose published passphrase is exempt there (and only there: on any other case or file it is
 * the first one an attacker tries). `context`: words the person typed nearby (the case name).
 */
export async function passphraseStrength(passphrase: string, use: PassphraseUse, options: { demo?: boolean; context?: readonly string[] } = {}): Promise<PassphraseStrength> {
  if (passphrase === DEMO_PASSPHRASE) {
    if (use === 'case' && options.demo === true) {
      return { score: 4, label: 'demo', weak: false, exempt: true, warning: null, suggestions: [], guessTime: null };
    }
    return {
      score: 0,
      label: LABELS[0],
      weak: true,
      exempt: false,
      warning: 'This is the demo case’s published passphrase: anyone who has seen the demo would try it first.',
      suggestions: ['Choose a passphrase of your own: four or five words that do not go together.'],
      guessTime: 'less than a second',
    };
  }
  const zxcvbn = await loadEstimator();
  const context = (options.context ?? []).map((word) => word.trim()).filter((word) => word.length > 0);
  const result = zxcvbn.check(passphrase, context);
  const score = result.score;
  return {
    score,
    label: LABELS[score],
    weak: score < STRONG_ENOUGH,
    exempt: false,
    warning: result.feedback.warning,
    suggestions: [...result.feedback.suggestions, ...(score < STRONG_ENOUGH && result.feedback.suggestions.length === 0 ? ['Add another word or two that do not go together.'] : [])],
    // A stolen case file is attacked offline against scrypt, a slow hash: zxcvbn's slow-hashing rate fits.
    guessTime: result.crackTimes.offlineSlowHashingXPerSecond.display,
  };
}

/**
 * The refusal of a weak passphrase the person has not confirmed (null when it may be used): what
 * is wrong with it and how to go on. Main checks this itself, whatever a window did.
 */
export async function weakPassphraseRefusal(passphrase: string, use: PassphraseUse, options: { demo?: boolean; context?: readonly string[]; allowed: boolean }): Promise<string | null> {
  if (options.allowed) return null;
  const strength = await passphraseStrength(passphrase, use, options);
  if (!strength.weak) return null;
  return `That passphrase is weak. ${describeStrength(strength)} Choose a stronger one, or confirm that you want to use it anyway.`;
}

/** One paragraph for a terminal or a tooltip: strength, why, what to do. */
export function describeStrength(strength: PassphraseStrength): string {
  if (strength.exempt) return 'The demo case’s published passphrase: fine for the demo, never for real work.';
  const parts = [`Passphrase strength: ${strength.label} (${strength.score} of 4).`];
  if (strength.guessTime) parts.push(`Time to guess it from a stolen copy of the file: ${strength.guessTime}.`);
  if (strength.warning) parts.push(strength.warning);
  parts.push(...strength.suggestions);
  return parts.join(' ');
}
