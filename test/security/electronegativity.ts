/**
 * Electron's security audit: Electronegativity (@doyensec/electronegativity) over the Electron
 * host, the preload, the renderer it loads and package.json, judged against a reviewed list of
 * accepted findings (test/electronegativity-exceptions.json). `npm test` runs it as one test
 * (`npx tsx test/security/electronegativity.ts`).
 *
 * It scans the TypeScript sources, not the esbuild bundles: in the bundles `electron` is renamed
 * (`import_electron.BrowserWindow`), so the audit would see no window, no navigation handler and no
 * permission handler and report their absence — false findings — while missing the real ones.
 *
 * Offline rules: the check that downloads Electron's release list (AvailableSecurityFixesGlobalCheck)
 * is skipped, and the Electron version is the one installed. The tool also tries, once, to fetch
 * updated wording for its messages and says "Could not retrieve updated translations" when it
 * cannot; that is harmless.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

/** What is audited, relative to the project root. */
export const AUDITED_PATHS = ['src/main/hosts/electron.ts', 'src/main/hosts/electron', 'src/preload', 'src/renderer', 'package.json'] as const;
export const EXCEPTIONS_FILE = 'test/electronegativity-exceptions.json';
/** Needs the network, which the audit must not: it compares the version with Electron's release feed. */
const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export interface Finding {
  check: string;
  /** Relative to the project root; "N/A" for an app-wide (global) finding. */
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  reviewRequired: boolean;
  description: string;
  url: string;
  /** The source line the finding points at, trimmed ('' for a global finding; `electron <version>` for the version check). */
  code: string;
}

const exceptionSchema = z.strictObject({
  check: z.string().min(1),
  file: z.string().min(1),
  /** The finding's source line, trimmed: matches across unrelated edits that move it. */
  code: z.string(),
  reason: z.string().min(20, 'Say why the finding is accepted, in a sentence.'),
});
export type AcceptedFinding = z.infer<typeof exceptionSchema>;
const exceptionsSchema = z.strictObject({ $comment: z.string().optional(), accepted: z.array(exceptionSchema) });

export interface AuditRun {
  checks: number;
  findings: Finding[];
  /** Files the tool could not parse: such a file was not audited. */
  parseErrors: string[];
  /** Inline `eng-disable` comments would hide findings outside the reviewed list. */
  inlineDisables: string[];
}

export interface Verdict {
  accepted: { finding: Finding; exception: AcceptedFinding }[];
  unexpected: Finding[];
  stale: AcceptedFinding[];
}

const rawIssueSchema = z.object({
  id: z.string(),
  file: z.string(),
  sample: z.string().optional(),
  location: z.object({ line: z.number(), column: z.number() }),
  description: z.string(),
  shortenedURL: z.string().optional(),
  severity: z.object({ name: z.string() }),
  confidence: z.object({ name: z.string() }),
  manualReview: z.boolean().optional(),
  properties: z.object({ versionNumber: z.string().optional() }).loose().optional(),
});
const rawRunSchema = z.object({
  globalChecks: z.number(),
  atomicChecks: z.number(),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean().optional() })),
  issues: z.array(rawIssueSchema),
});

type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<unknown>;

/** Runs Electronegativity over `paths` (relative to `root`), staged so reported files read as project paths. */
export async function runElectronegativity(root: string, paths: readonly string[] = AUDITED_PATHS): Promise<AuditRun> {
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity') as Runner;
  const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const stage = mkdtempSync(join(tmpdir(), 'casefile-electronegativity-'));
  try {
    for (const path of paths) {
      const from = resolve(root, path);
      if (!existsSync(from)) throw new Error(`${path} is listed for the Electron audit but does not exist; update AUDITED_PATHS.`);
      cpSync(from, join(stage, path), { recursive: true });
    }
    const raw = rawRunSchema.parse(
      await run(
        {
          input: stage,
          isRelative: true,
          customScan: [],
          excludeFromScan: SKIPPED_CHECKS.map((c) => c.toLowerCase()),
          electronVersionOverride: electronVersion,
          parserPlugins: [],
        },
        false,
      ),
    );
    return {
      checks: raw.globalChecks + raw.atomicChecks,
      findings: raw.issues.map((issue) => ({
        check: issue.id,
        file: issue.file,
        line: issue.location.line,
        column: issue.location.column,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        reviewRequired: issue.manualReview === true,
        description: issue.description,
        url: issue.shortenedURL ?? '',
        // The version check points at package.json's first line; its version is what was reviewed.
        code: issue.properties?.versionNumber ? `electron ${issue.properties.versionNumber}` : (issue.sample ?? '').trim(),
      })),
      parseErrors: raw.errors.filter((e) => !e.tolerable).map((e) => `${relativeTo(stage, e.file)}: ${e.message}`),
      inlineDisables: findInlineDisables(stage, paths),
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export function readExceptions(file: string): AcceptedFinding[] {
  const parsed = exceptionsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid list of accepted findings: ${z.prettifyError(parsed.error)}`);
  return parsed.data.accepted;
}

/** Every finding must match one accepted entry (check, file, code line); every entry must match a finding. */
export function judge(findings: readonly Finding[], exceptions: readonly AcceptedFinding[]): Verdict {
  const used = new Set<AcceptedFinding>();
  const accepted: Verdict['accepted'] = [];
  const unexpected: Finding[] = [];
  for (const finding of findings) {
    const exception = exceptions.find((e) => e.check === finding.check && e.file === finding.file && e.code === finding.code);
    if (exception) {
      used.add(exception);
      accepted.push({ finding, exception });
    } else {
      unexpected.push(finding);
    }
  }
  return { accepted, unexpected, stale: exceptions.filter((e) => !used.has(e)) };
}

export function passed(run: AuditRun, verdict: Verdict): boolean {
  return verdict.unexpected.length === 0 && verdict.stale.length === 0 && run.parseErrors.length === 0 && run.inlineDisables.length === 0;
}

/** The report: one block per finding (check, file:line, why), then what to do. */
export function report(run: AuditRun, verdict: Verdict): string {
  const lines = [`Electronegativity: ${run.checks} checks over ${AUDITED_PATHS.join(', ')}`];
  const where = (f: Finding): string => (f.file === 'N/A' ? 'the whole app' : `${f.file}:${f.line}:${f.column}`);
  const block = (f: Finding): string[] => [
    `  ${f.check} (${f.severity}, ${f.confidence}${f.reviewRequired ? ', review required' : ''}) at ${where(f)}`,
    `    why: ${f.description}${f.url ? ` (${f.url})` : ''}`,
    ...(f.code ? [`    code: ${f.code}`] : []),
  ];
  for (const { finding, exception } of verdict.accepted) lines.push(...block(finding), `    accepted: ${exception.reason}`);
  if (verdict.unexpected.length > 0) {
    lines.push(`${verdict.unexpected.length} finding(s) not in ${EXCEPTIONS_FILE}:`);
    for (const finding of verdict.unexpected) lines.push(...block(finding));
    lines.push(`  Fix the code; or, if the finding is reviewed and accepted, add {check, file, code, reason} for it to ${EXCEPTIONS_FILE}.`);
  }
  if (verdict.stale.length > 0) {
    lines.push(`${verdict.stale.length} accepted finding(s) in ${EXCEPTIONS_FILE} no longer found; remove them (or fix their file/code):`);
    for (const e of verdict.stale) lines.push(`  ${e.check} in ${e.file}: ${e.code || '(app-wide)'}`);
  }
  if (run.parseErrors.length > 0) lines.push('Files the audit could not parse (so not audited):', ...run.parseErrors.map((e) => `  ${e}`));
  if (run.inlineDisables.length > 0) {
    lines.push(`Inline "eng-disable" comments hide findings from the audit; list accepted findings in ${EXCEPTIONS_FILE} instead:`, ...run.inlineDisables.map((e) => `  ${e}`));
  }
  lines.push(passed(run, verdict) ? `Electron audit passed: ${run.findings.length} finding(s), all accepted.` : 'Electron audit FAILED.');
  return lines.join('\n');
}

function findInlineDisables(stage: string, paths: readonly string[]): string[] {
  const hits: string[] = [];
  const visit = (path: string): void => {
    const full = join(stage, path);
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full)) visit(join(path, name));
      return;
    }
    readFileSync(full, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (/eng-disable/.test(text)) hits.push(`${path}:${i + 1}: ${text.trim()}`);
      });
  };
  for (const path of paths) visit(path);
  return hits;
}

function relativeTo(stage: string, file: string): string {
  return file.startsWith(stage) ? file.slice(stage.length + 1) : file;
}

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const run = await runElectronegativity(root);
  const verdict = judge(run.findings, readExceptions(join(root, EXCEPTIONS_FILE)));
  console.log(report(run, verdict));
  process.exitCode = passed(run, verdict) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`electron audit: could not run: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = 1;
  });
}
