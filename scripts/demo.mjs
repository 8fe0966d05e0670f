#!/usr/bin/env node
// `npm run demo`: on a fresh machine, install, build and start the app on the bundled demo case.
import { spawnSync } from 'node:child_process';
import { ensureDependencies } from './ensure-deps.mjs';

ensureDependencies();
const run = spawnSync(process.execPath, ['scripts/start.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
