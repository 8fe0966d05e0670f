/**
 * A child process for the lock race test (test/unit/store-lock.test.ts). Prints `ready`; then for
 * each line `<case path> <start time in ms since the epoch>` on stdin, spins until that time,
 * tries to take that case's lock and prints `won` or `lost <code>`. Locks it wins are held (never
 * released) until the process is killed.
 */
import { createInterface } from 'node:readline';
import { acquireLock } from '../../src/main/store/lock';

const held: unknown[] = [];
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [path, atText] = line.split(' ') as [string, string];
  const at = Number(atText);
  // Spin rather than sleep: a timer's wake-up varies by milliseconds, and the race is narrower.
  while (Date.now() < at) {
    /* wait for the start */
  }
  acquireLock(path).then(
    (lock) => {
      held.push(lock);
      process.stdout.write('won\n');
    },
    (error: { code?: string }) => process.stdout.write(`lost ${error.code ?? 'error'}\n`),
  );
});
process.stdout.write('ready\n');
