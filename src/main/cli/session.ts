/**
 * Options that apply to whichever command runs (one command per process): taken out of argv by
 * hosts/cli.ts before the command parses its own arguments.
 */
export const cliSession = {
  /** `--take-over-lock`: the user confirmed that whoever holds the case's lock is gone. */
  takeOverLock: false,
};

export const GLOBAL_FLAGS_USAGE = '--take-over-lock  open a case whose lock may be left over from another computer or an older version (refused while its holder provably has it open)';

/** Removes the global flags from argv and records them in `cliSession`. */
export function takeGlobalFlags(argv: readonly string[]): string[] {
  const rest: string[] = [];
  for (const arg of argv) {
    if (arg === '--take-over-lock') cliSession.takeOverLock = true;
    else rest.push(arg);
  }
  return rest;
}
