import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { emptyCase } from '../../../shared/domain/case';
import { newId } from '../../../shared/domain/ids';
import type { RecentCase } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { buildDemoCase, DEMO_PASSPHRASE } from '../../demo/isk-case';
import { fileNameFor } from '../../services/app-paths';
import { weakPassphraseRefusal } from '../../services/passphrase-strength';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type CaseChannels =
  | 'case:status'
  | 'case:recent'
  | 'case:unlock'
  | 'case:unlock-keychain'
  | 'case:create'
  | 'case:pick-file'
  | 'case:close'
  | 'case:save';

export function caseHandlers(ctx: HandlerContext): Pick<Handlers, CaseChannels> {
  return {
    'case:status': async () => {
      const candidate = ctx.cases.isOpen ? null : await unlockCandidate(ctx);
      return ok({
        open: ctx.cases.summary(),
        candidate,
        demoPassphraseHint: candidate?.isDemo ? DEMO_PASSPHRASE : null,
      });
    },
    'case:recent': async () => ok({ cases: await ctx.recent.list() }),
    'case:unlock': async ({ path, passphrase, rememberInKeychain, takeOverLock }) => {
      const refused = await refuseUngrantedPath(ctx, path);
      if (refused) return refused;
      const opened = await ctx.cases.open(path, { passphrase }, { takeOverLock: takeOverLock ?? false });
      if (!opened.ok) return opened;
      let keychain = false;
      const dataKey = ctx.cases.dataKey();
      if (rememberInKeychain && ctx.host.keychain && dataKey) {
        const reason = ctx.host.keychain.unavailableReason();
        if (reason) return withNotice(opened, `Not kept in the OS keychain: ${reason}`, ctx, path, false);
        await ctx.host.keychain.remember(path, dataKey);
        keychain = true;
      }
      await ctx.recent.touch(path, keychain || undefined);
      return opened;
    },
    'case:unlock-keychain': async ({ path, takeOverLock }) => {
      const refused = await refuseUngrantedPath(ctx, path);
      if (refused) return refused;
      const keychain = ctx.host.keychain;
      const reason = keychain ? keychain.unavailableReason() : 'this host has no OS keychain.';
      if (!keychain || reason) return err('UNAVAILABLE', `The OS keychain cannot be used: ${reason} Unlock with the passphrase.`);
      const dataKey = await keychain.recall(path);
      if (!dataKey) return err('NOT_FOUND', 'No keychain entry for this case. Unlock with the passphrase and tick "Remember in the OS keychain".');
      const opened = await ctx.cases.open(path, { dataKey }, { takeOverLock: takeOverLock ?? false });
      if (!opened.ok && opened.error.code === 'CORRUPT_STORE') {
        return err('WRONG_PASSPHRASE', 'The keychain entry no longer matches this case (its key was changed). Unlock with the passphrase.');
      }
      if (opened.ok) await ctx.recent.touch(path);
      return opened;
    },
    'case:create': async ({ name, passphrase, demo, path, allowWeakPassphrase }) => {
      if (path !== undefined) {
        const refused = await refuseUngrantedPath(ctx, path);
        if (refused) return refused;
      }
      // Before the save dialog: nobody should pick a place for a case that is then refused.
      const weak = await weakPassphraseRefusal(passphrase, 'case', { demo, context: [name], allowed: allowWeakPassphrase === true });
      if (weak) return err('VALIDATION', weak);
      const target = path ?? (await newCasePath(ctx, name));
      if (target === null) return err('CANCELLED', 'No file was chosen; nothing was created.');
      await fsp.mkdir(dirname(target), { recursive: true, mode: 0o700 }).catch(() => undefined);
      const now = new Date().toISOString();
      const doc = demo ? buildDemoCase(now) : emptyCase(newId('case'), name, now);
      if (demo) doc.name = name;
      const created = await ctx.cases.create(target, passphrase, doc);
      if (created.ok) await ctx.recent.touch(target);
      return created;
    },
    'case:pick-file': async () => {
      const path = await ctx.host.pickCaseFile();
      if (path) ctx.grantedPaths.add(path);
      return ok({ path });
    },
    'case:close': async () => ctx.cases.close(),
    'case:save': async () => ctx.cases.fold(),
  };
}

/** In hosts without typed paths, only dialog picks, recent cases and the demo case may be named. */
async function refuseUngrantedPath(ctx: HandlerContext, path: string): Promise<Result<never> | null> {
  if (ctx.host.allowsTypedPaths || ctx.grantedPaths.has(path) || path === ctx.paths.demoCase) return null;
  const recent = await ctx.recent.list();
  if (recent.some((c) => c.path === path)) return null;
  return err('FORBIDDEN', 'That file was not chosen in a file dialog. Use "Open…" to pick it.');
}

/** The case the unlock dialog offers: the most recent one that still exists, else the demo case. */
async function unlockCandidate(ctx: HandlerContext): Promise<RecentCase | null> {
  const recent = await ctx.recent.list();
  const existing = recent.find((c) => c.exists);
  if (existing) return existing;
  const demoExists = await fsp.access(ctx.paths.demoCase).then(
    () => true,
    () => false,
  );
  if (!demoExists) return null;
  return { path: ctx.paths.demoCase, fileName: 'isk-demo.cfcase', lastOpenedAt: new Date(0).toISOString(), exists: true, isDemo: true, keychain: false };
}

async function newCasePath(ctx: HandlerContext, name: string): Promise<string | null> {
  const chosen = await ctx.host.chooseNewCasePath(fileNameFor(name));
  if (chosen !== 'no-dialog') return chosen;
  const base = fileNameFor(name).replace(/\.cfcase$/, '');
  for (let n = 1; ; n++) {
    const candidate = join(ctx.paths.casesDir, n === 1 ? `${base}.cfcase` : `${base}-${n}.cfcase`);
    const taken = await fsp.access(candidate).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}

async function withNotice<T extends { notices: string[] }>(opened: Result<T>, notice: string, ctx: HandlerContext, path: string, keychain: boolean): Promise<Result<T>> {
  await ctx.recent.touch(path, keychain);
  return opened.ok ? ok({ ...opened.value, notices: [...opened.value.notices, notice] }) : opened;
}
