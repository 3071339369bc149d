// `npm start`, `npm test`, `npm run worker`…: makes sure Node ≥ 22.12 runs them. On an older
// machine Node (Debian's 20, say) it installs Node 24 from the npm registry into .tools/
// once and re-runs the command with it, so the README's two commands work anywhere npm does.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const toolsBin = path.join(root, '.tools', 'node_modules', '.bin');
const CHROMIUM = '/usr/bin/chromium';
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function nodeIsRecent(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

function ensureNode() {
  if (nodeIsRecent()) return process.env.PATH;
  const local = path.join(toolsBin, 'node');
  if (!existsSync(local)) {
    console.error(`Node ${process.versions.node} is older than 22.12; installing Node 24 into .tools/ (one time)…`);
    const r = spawnSync('npm', ['install', '--prefix', path.join(root, '.tools'), '--no-save', 'node@24'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  return `${toolsBin}${path.delimiter}${process.env.PATH}`;
}

// Next's production build is reused until something it is built from changes.
function buildIsFresh() {
  const marker = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(marker)) return false;
  const inputs = ['app', 'collab', 'engine', 'public', 'next.config.mjs', 'postcss.config.mjs', 'package-lock.json']
    .map((p) => path.join(root, p))
    .filter((p) => existsSync(p));
  const newer = spawnSync('find', [...inputs, '-newer', marker, '-print', '-quit'], { encoding: 'utf8' });
  return newer.status === 0 && newer.stdout.trim() === '';
}

const commands = {
  start: () => [
    ...(buildIsFresh() ? [] : [[bin('next'), ['build']]]),
    ['node', ['--import', 'tsx', 'server/main.ts']],
  ],
  dev: () => [['node', ['--import', 'tsx', 'server/main.ts']]],
  build: () => [[bin('next'), ['build']]],
  worker: () => [['node', ['--import', 'tsx', 'server/worker.ts']]],
  // Unit + integration tests, then (where Chromium exists) the browser tests on a fresh build.
  test: () => {
    const extra = process.argv.slice(3);
    const steps = [[bin('vitest'), ['run', ...extra]]];
    if (extra.length) return steps;
    if (existsSync(CHROMIUM) || process.env.FLOWFORGE_REQUIRE_SERVICES === '1') {
      if (!buildIsFresh()) steps.push([bin('next'), ['build']]);
      steps.push([bin('vitest'), ['run', '--config', 'e2e/vitest.config.ts']]);
    } else {
      console.error(`(browser tests skipped: no Chromium at ${CHROMIUM}; apt-get install chromium)`);
    }
    return steps;
  },
};

const which = process.argv[2];
if (!commands[which]) {
  console.error(`usage: node scripts/launch.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
const env = {
  ...process.env,
  PATH: ensureNode(),
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: which === 'dev' ? 'development' : which === 'test' ? 'test' : 'production',
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --disable-warning=ExperimentalWarning`.trim(),
};

for (const [cmd, args] of commands[which]()) {
  // Next only builds for production; everything else runs under the command's own mode.
  const stepEnv = cmd === bin('next') ? { ...env, NODE_ENV: 'production' } : env;
  const child = spawn(cmd, args, { cwd: root, env: stepEnv, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  if (code !== 0) process.exit(code);
}
