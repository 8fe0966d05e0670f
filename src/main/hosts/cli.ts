/**
 * The `casefile` command line: the same services as the app, for scripts and terminals.
 * Output for machines goes to stdout; messages for people go to stderr; every failure has
 * its own exit code (EXIT_CODES).
 */
import { EXIT_CODES } from '../../shared/ipc/errors';
import { UsageError } from '../cli/args';
import { COMMANDS, usageText } from '../cli/commands';
import { takeGlobalFlags } from '../cli/session';
import { asStoreError } from '../services/case-service';

function writeOut(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!text) return resolve();
    stream.write(text, () => resolve());
  });
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
  try {
    const output = await command.run(rest);
    await writeOut(process.stdout, output.stdout);
    if (output.stderr) await writeOut(process.stderr, `${output.stderr}\n`);
    return 0;
  } catch (error) {
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
