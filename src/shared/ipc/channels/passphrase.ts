import { z } from 'zod';

/** What a passphrase protects: a new case, or an exchange file (.casefile) sent to a partner. */
export const PassphraseUse = z.enum(['case', 'exchange']);
export type PassphraseUse = z.infer<typeof PassphraseUse>;

/** How hard a chosen passphrase is to guess (zxcvbn's score 0–4), and why, in plain words. */
export const PassphraseStrengthSchema = z.object({
  score: z.number().int().min(0).max(4),
  /** very weak, weak, fair, strong, very strong; "demo" for the exempt demo passphrase. */
  label: z.string(),
  /** Score below 3: using it needs an explicit confirmation. */
  weak: z.boolean(),
  /** The demo case's published passphrase, on a new demo case: no warning. */
  exempt: z.boolean(),
  warning: z.string().nullable(),
  suggestions: z.array(z.string()).max(20),
  /** How long guessing it from a stolen copy of the file would take ("3 hours", "centuries"). */
  guessTime: z.string().nullable(),
});
export type PassphraseStrength = z.infer<typeof PassphraseStrengthSchema>;

export const passphraseChannels = {
  /** Estimated in main, where the word lists live; the passphrase is neither logged nor kept. */
  'passphrase:strength': {
    request: z
      .object({
        passphrase: z.string().max(1_024),
        use: PassphraseUse,
        /** A new case built from the demo data (its published passphrase is exempt there only). */
        demo: z.boolean().optional(),
        /** Words typed nearby (the case name), which make a passphrase easier to guess. */
        context: z.array(z.string().max(300)).max(10).optional(),
      })
      .strict(),
    response: PassphraseStrengthSchema,
  },
} as const;
