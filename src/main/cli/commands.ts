import { GLOBAL_FLAGS_USAGE } from './session';
import type { Command } from './command';
import { achCommand } from './commands/ach';
import { actorsCommand } from './commands/actors';
import { dumpCommand } from './commands/dump';
import { attachCommand, attachmentsCommand, extractCommand } from './commands/evidence';
import { exportCommand } from './commands/export';
import { keysCommand } from './commands/keys';
import { mergeCommand } from './commands/merge';
import { verifyCommand } from './commands/verify';
import { importCommand } from './commands/import';
import { newCommand } from './commands/new';
import { placesCommand } from './commands/places';
import { reportCommand } from './commands/report';
import { statsCommand } from './commands/stats';
import { taxiiCommand } from './commands/taxii';

/** Every `casefile` command, one file each under ./commands/. */
export const COMMANDS: Record<string, Command> = {
  new: newCommand,
  stats: statsCommand,
  dump: dumpCommand,
  import: importCommand,
  actors: actorsCommand,
  report: reportCommand,
  attach: attachCommand,
  attachments: attachmentsCommand,
  extract: extractCommand,
  export: exportCommand, verify: verifyCommand, merge: mergeCommand, keys: keysCommand,
  ach: achCommand,
  taxii: taxiiCommand,
  places: placesCommand,
};

export function usageText(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    'Casefile Workbench command line',
    '',
    'usage: casefile <command> [arguments]',
    '',
    ...lines,
    '',
    "A case's passphrase comes from --passphrase-file F, else CASEFILE_PASSPHRASE, else a hidden prompt.",
    "For export, verify and merge, --passphrase-file is the .casefile's own (age) passphrase; the case's comes",
    'from --store-passphrase-file F, else CASEFILE_PASSPHRASE, else a hidden prompt.',
    `Any command that writes to a case also takes ${GLOBAL_FLAGS_USAGE}.`,
    'Exit codes: 0 ok, 2 usage or invalid input, 3 wrong passphrase, 4 altered or damaged file,',
    '5 truncated file, 6 no such file, 7 permission denied, 8 disk full, 9 case in use, 10 newer format,',
    '11 file exists, 12 other I/O error, 1 unexpected failure; 130 (Ctrl-C) or 143 (SIGTERM) interrupted, the case',
    'and the output left as they were; 141 the reader of the output went away (`casefile dump … | head`).',
  ].join('\n');
}
