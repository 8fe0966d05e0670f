import { constants } from 'node:os';

/**
 * Ctrl-C (SIGINT) and SIGTERM for the CLI. A command that writes stops at its next safe point:
 * before it commits to the case, before it publishes an output file. The case is then closed
 * (the lock released) and the process exits with 128 + the signal's number (130, 143). A command
 * that only reads stops at once. A second signal, a second or more after the first, quits at
 * once whatever the state (the next open clears the lock of a process that is gone); repeats
 * that arrive together (a terminal and a wrapper such as npm or tsx both pass Ctrl-C on) count once.
 */
export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const REPEAT_GRACE_MS = 1_000;
const controller = new AbortController();
let received: { signal: InterruptSignal; at: number } | null = null;

export class Interrupted extends Error {
  constructor(readonly signal: InterruptSignal, message: string) {
    super(message);
    this.name = 'Interrupted';
  }
}

/** Aborted on the first SIGINT or SIGTERM: long steps (reading an import) listen to it. */
export const interruptSignal: AbortSignal = controller.signal;

/** The signal received, if any. */
export function interruption(): InterruptSignal | null {
  return received?.signal ?? null;
}

/** The conventional exit status of a process ended by `signal`: 130 for SIGINT, 143 for SIGTERM. */
export function exitStatusFor(signal: InterruptSignal): number {
  return 128 + constants.signals[signal];
}

/** A safe point: throws Interrupted, saying what was left as it was, when a signal has come. */
export function stopIfInterrupted(leftAsItWas: string): void {
  if (received) throw new Interrupted(received.signal, leftAsItWas);
}

/**
 * Installs the handlers. `writes`: the command changes files, so it is stopped cooperatively;
 * otherwise the first signal ends the process at once. `say` writes a line for the person.
 */
export function installInterruptHandlers(options: { writes: boolean; say: (line: string) => void }): void {
  const onSignal = (signal: InterruptSignal): void => {
    const now = Date.now();
    if (received) {
      if (now - received.at < REPEAT_GRACE_MS) return;
      options.say(`casefile: ${signal} again; quitting now. A lock left behind is cleared by the next open.`);
      process.exit(exitStatusFor(signal));
    }
    received = { signal, at: now };
    if (!options.writes) process.exit(exitStatusFor(signal));
    options.say(`casefile: interrupted (${signal}); stopping at the next safe point, leaving the case and the output as they were…`);
    controller.abort(new Interrupted(signal, 'interrupted'));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
