// Serves the web app for `npm start` (apps/cli/src/start.ts): builds it when there is no build or a source file
// is newer than the build, then runs `next start`. SIGTERM/SIGINT stop the server. Settings: STYLECLIP_API_URL
// (the API), STYLECLIP_WEB_HOST / STYLECLIP_WEB_PORT (default 127.0.0.1:3000).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
const NEXT_BIN = join(WEB_DIR, '..', '..', 'node_modules', 'next', 'dist', 'bin', 'next');
const BUILD_ID = join(WEB_DIR, '.next', 'BUILD_ID');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  if (!existsSync(BUILD_ID)) return false;
  const built = statSync(BUILD_ID).mtimeMs;
  const sources = Math.max(
    newestSource(join(WEB_DIR, 'src')),
    statSync(join(WEB_DIR, 'next.config.ts')).mtimeMs,
  );
  return sources < built;
}

let child: ChildProcess | undefined;
let stopping = false;
const stop = () => {
  stopping = true;
  if (child && child.exitCode === null) child.kill('SIGTERM');
  else process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    child = spawn(process.execPath, [NEXT_BIN, ...args], {
      cwd: WEB_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const host = process.env.STYLECLIP_WEB_HOST || '127.0.0.1';
const port = process.env.STYLECLIP_WEB_PORT || '3000';

if (!buildIsCurrent()) {
  console.log('web app: building (next build, about 20 s)…');
  const code = await run(['build']);
  if (stopping) process.exit(0);
  if (code !== 0) {
    console.error(`web app: the build failed (exit code ${code}); see the messages above`);
    process.exit(code);
  }
}
const code = await run(['start', '-H', host, '-p', port]);
process.exit(stopping ? 0 : code);
