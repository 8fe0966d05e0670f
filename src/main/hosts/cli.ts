/**
 * The `casefile` command line: the same services as the app, for scripts and terminals.
 * Output for machines goes to stdout; messages for people go to stderr; every failure has
 * its own exit code (EXIT_CODES). A reader that stops early (`casefile dump … | head`) ends the
 * process quietly with 141, as a closed pipe ends other tools; Ctrl-C and SIGTERM are handled in
 * ../cli/interrupt.ts (130, 143).
 */
import { EXIT_CODES } from '../../shared/ipc/errors';
import { UsageError } from '../cli/args';
import { COMMANDS, usageText } from '../cli/commands';
import { exitStatusFor, installInterruptHandlers, interruption, Interrupted } from '../cli/interrupt';
import { takeGlobalFlags } from '../cli/session';
import { asStoreError } from '../services/case-service';

/** 128 + SIGPIPE: what a shell reports for a writer whose reader went away. */
const CLOSED_PIPE_STATUS = 141;

// Node ignores SIGPIPE, so a closed pipe shows up as an EPIPE error on the stream instead.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(CLOSED_PIPE_STATUS);
  process.stderr.write(`casefile: cannot write the output: ${error.message}\n`);
  process.exit(EXIT_CODES.IO);
});
// Nobody is left to tell about a closed stderr; carry on without the messages.
process.stderr.on('error', () => undefined);

function writeOut(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!text) return resolve();
    stream.write(text, () => resolve());
  });
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = takeGlobalFlags(argv);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await writeOut(process.stdout, `${usageText()}\n`);
    return name ? 0 : EXIT_CODES.VALIDATION;
  }
  const command = COMMANDS[name];
  if (!command) {
    await writeOut(process.stderr, `casefile: unknown command "${name}"\n\n${usageText()}\n`);
    return EXIT_CODES.VALIDATION;
  }
  installInterruptHandlers({ writes: command.writes === true, say });
  try {
    const output = await command.run(rest);
    await writeOut(process.stdout, output.stdout);
    if (output.stderr) await writeOut(process.stderr, `${output.stderr}\n`);
    const signal = interruption();
    if (signal) {
      // The signal came during a step that cannot stop half way (a commit, a publish): it finished whole.
      await writeOut(process.stderr, `casefile ${name}: interrupted (${signal}) after the work was done; what it wrote is whole.\n`);
      return exitStatusFor(signal);
    }
    return output.exitCode ?? 0;
  } catch (error) {
    const signal = error instanceof Interrupted ? error.signal : interruption();
    if (signal) {
      // Whatever stopped the command after a signal (a safe point, a cancelled read) is the interruption.
      const what = error instanceof Interrupted ? error.message : asStoreError(error).message;
      await writeOut(process.stderr, `casefile ${name}: interrupted (${signal}): ${what}\n`);
      return exitStatusFor(signal);
    }
    if (error instanceof UsageError) {
      await writeOut(process.stderr, `casefile ${name}: ${error.message}\n`);
      return EXIT_CODES.VALIDATION;
    }
    const failure = asStoreError(error);
    await writeOut(process.stderr, `casefile ${name}: ${failure.message}\n`);
    return EXIT_CODES[failure.code];
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`casefile: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
