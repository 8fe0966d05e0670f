import { Checkbox, Intent, ProgressBar } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { PassphraseStrength, PassphraseUse } from '../../shared/ipc/contract';
import { call } from '../ipc/client';

const DEBOUNCE_MS = 250;

/**
 * The strength of a passphrase being chosen, estimated in main (`passphrase:strength`, where the
 * word lists live: the renderer bundle does not carry them). Null while there is no passphrase
 * or no answer yet for the current one; answers to earlier keystrokes are dropped.
 */
export function usePassphraseStrength(passphrase: string, use: PassphraseUse, options: { demo?: boolean; context?: string } = {}): PassphraseStrength | null {
  const [strength, setStrength] = useState<{ for: string; value: PassphraseStrength } | null>(null);
  const { demo = false, context = '' } = options;
  useEffect(() => {
    if (passphrase.length === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      void call('passphrase:strength', { passphrase, use, demo, context: context.trim() ? [context] : [] }).then((result) => {
        if (current && result.ok) setStrength({ for: `${use}|${demo}|${context}|${passphrase}`, value: result.value });
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [passphrase, use, demo, context]);
  return strength && strength.for === `${use}|${demo}|${context}|${passphrase}` ? strength.value : null;
}

const INTENTS = [Intent.DANGER, Intent.DANGER, Intent.WARNING, Intent.SUCCESS, Intent.SUCCESS] as const;

export interface PassphraseStrengthViewProps {
  strength: PassphraseStrength | null;
  /** The analyst ticked "use it anyway" for this passphrase. */
  acceptWeak: boolean;
  onAcceptWeakChange(accept: boolean): void;
}

/** Strength 0–4 as a bar and a word, zxcvbn's warning and suggestions, and for a weak one the "use it anyway" box. */
export function PassphraseStrengthView({ strength, acceptWeak, onAcceptWeakChange }: PassphraseStrengthViewProps) {
  if (!strength) return null;
  if (strength.exempt) {
    return (
      <p className="cf-muted" data-testid="passphrase-strength" role="status">
        The demo case’s published passphrase: fine for the demo, never for real work.
      </p>
    );
  }
  return (
    <div className="cf-passphrase-strength" data-testid="passphrase-strength" role="status" aria-live="polite">
      <ProgressBar value={(strength.score + 1) / 5} intent={INTENTS[strength.score]} animate={false} stripes={false} aria-label="Passphrase strength" />
      <p>
        <strong>
          Strength: {strength.label} ({strength.score} of 4)
        </strong>
        {strength.guessTime && <> — time to guess it from a stolen copy of the file: {strength.guessTime}.</>}
      </p>
      {strength.warning && <p>{strength.warning}</p>}
      {strength.suggestions.length > 0 && (
        <ul>
          {strength.suggestions.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      {strength.weak && <Checkbox label="Use this weak passphrase anyway" checked={acceptWeak} onChange={(e) => onAcceptWeakChange(e.currentTarget.checked)} />}
    </div>
  );
}
