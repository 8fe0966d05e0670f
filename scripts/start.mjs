#!/usr/bin/env node
/**
 * `npm start [-- <case file>]`: builds what is stale, then starts the Electron app. When the
 * Electron binary is not installed (its install step downloads it from the web), says so once,
 * and offers the browser host, which runs the same renderer and services in a browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// npm runs scripts from the project folder; a case file named on the command line is relative to
// where the user typed it (INIT_CWD). A value right after a bare switch (`--port 8080`) is left alone.
const userCwd = process.env.INIT_CWD ?? process.cwd();
const args = process.argv.slice(2).map((arg, i, all) => {
  const afterBareSwitch = i > 0 && all[i - 1].startsWith('--') && !all[i - 1].includes('=');
  return arg.startsWith('-') || afterBareSwitch ? arg : resolve(userCwd, arg);
});

const ensured = spawnSync(process.execPath, [resolve(root, 'scripts/ensure-built.mjs')], { cwd: root, stdio: 'inherit' });
if (ensured.status !== 0) process.exit(ensured.status || 1);

const electron = findElectronBinary();
if (electron.path) {
  run(electron.path, ['.', ...args], withoutRunAsNode(process.env));
} else {
  console.log(
    `\n${wrap(
      `The Electron binary is not installed (${electron.reason}): the electron package downloads it from the web in its ` +
        'install step, and that step was skipped or failed on this machine. On a machine with network access, fetch it with ' +
        '"node node_modules/electron/install.js" or "npm rebuild electron" (package.json already approves electron\'s install ' +
        'script under allowScripts, as "npm install-scripts approve electron" would), then run "npm start" again' +
        `${nodeTooOldForInstaller() ? ` (Electron's installer asks for Node 22.12 or newer; this is Node ${process.versions.node})` : ''}. Meanwhile ` +
        'the browser host runs the same app - the same renderer and the same services - in your web browser, served on ' +
        '127.0.0.1 only.',
    )}\n`,
  );

  if (process.stdin.isTTY && process.stdout.isTTY) {
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const answer = (await prompt.question('Start the browser host now? [Y/n] ')).trim().toLowerCase();
    prompt.close();
    if (answer === '' || answer === 'y' || answer === 'yes') startBrowserHost();
    else console.log('Not started. Run "npm run start:browser" whenever you want it.');
  } else {
    console.log('No terminal to ask on (stdin is not a TTY): starting the browser host.');
    startBrowserHost();
  }
}

function nodeTooOldForInstaller() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < 22 || (major === 22 && minor < 12);
}

function wrap(text, width = Math.min(process.stdout.columns || 100, 100)) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function startBrowserHost() {
  // The heap Electron's main process has (4 GB): a case of a million events needs about half of it.
  run(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', resolve(root, 'src/main/hosts/browser.ts'), ...args], process.env);
}

/**
 * The Electron executable, found the way node_modules/electron/index.js finds it, without its
 * side effect: when the binary is missing, require('electron') starts a download, so the file is
 * checked first and require() is only used to confirm a binary that is there.
 */
function findElectronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(dir, 'package.json'))) return { path: null, reason: 'node_modules/electron is missing; run "npm install"' };
  const pathFile = join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!executable && !override) return { path: null, reason: 'node_modules/electron/path.txt does not exist' };
  const expected = override ? join(override, executable || 'electron') : join(dir, 'dist', executable);
  if (!existsSync(expected)) return { path: null, reason: `${expected} does not exist` };
  try {
    const binary = createRequire(import.meta.url)(dir);
    if (typeof binary === 'string' && existsSync(binary)) return { path: binary, reason: null };
    return { path: null, reason: 'require("electron") did not return an existing file' };
  } catch (error) {
    return { path: null, reason: `require("electron") failed: ${error.message.split('\n')[0]}` };
  }
}

function withoutRunAsNode(env) {
  // Inherited from some editors' terminals; it would make Electron behave as plain Node.
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}

/** Runs a child with our terminal, passes Ctrl+C/termination on, and exits with its code. */
function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  // Pass signals on (both hosts shut down once however many arrive) and stay alive until the
  // child has folded the case and exited.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
