import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the app keeps its own files: the recent list, and the cases folder for new cases. */
export interface AppPaths {
  home: string;
  casesDir: string;
  recentFile: string;
  demoCase: string;
}

export function appPaths(home = process.env['CASEFILE_HOME'] ?? join(homedir(), '.casefile')): AppPaths {
  const casesDir = join(home, 'cases');
  return { home, casesDir, recentFile: join(home, 'recent.json'), demoCase: join(casesDir, 'isk-demo.cfcase') };
}

/** A file name from a case name: letters, digits and dashes, never a path. */
export function fileNameFor(caseName: string): string {
  const slug = caseName
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return `${slug || 'case'}.cfcase`;
}
