// `npm start`: the product on the embedded default. Builds the `tiny` model set if missing (models/tiny, with
// its directions), starts the API on localhost with filesystem storage (./data) and the web app; prints the
// URLs; Ctrl-C stops everything cleanly. Settings come from the environment and from `.env` at
// the repository root when present (see .env.example); the environment wins over `.env`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePresetSet } from '@styleclip/editing';
import { capabilities, formatStatus } from './status';
import { waitServing } from './wait-serving';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const API_ENTRY = join(ROOT, 'apps', 'api', 'src', 'main.ts');

function loadEnv(): void {
  const file = join(ROOT, '.env');
  if (existsSync(file)) {
    process.loadEnvFile(file);
    console.log('read settings from .env');
  }
  const env = process.env;
  env.STYLECLIP_HOST ||= '127.0.0.1';
  env.STYLECLIP_PORT ||= '4000';
  env.STYLECLIP_MODELS_DIR ||= join(ROOT, 'models');
  env.STYLECLIP_DEFAULT_MODEL_SET ||= 'tiny';
  env.STYLECLIP_STORAGE ||= 'fs';
  env.STYLECLIP_DATA_DIR ||= join(ROOT, 'data');
  // JSON request logs are for servers; on a terminal show warnings only (STYLECLIP_LOG_LEVEL=info for more).
  env.STYLECLIP_LOG_LEVEL ||= 'warn';
}

async function ensureDefaultTiny(): Promise<void> {
  if (process.env.STYLECLIP_DEFAULT_MODEL_SET !== 'tiny') return;
  await ensurePresetSet('tiny', resolve(process.env.STYLECLIP_MODELS_DIR!, 'tiny'), {
    log: (line) => console.log(line),
  });
}

/**
 * Children run in their own process group (`detached`), so Ctrl-C reaches only this process, which then stops
 * each child exactly once (SIGTERM: graceful); they are killed if this process exits some other way.
 */
function spawnChild(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

function startApi(): ChildProcess {
  return spawnChild(['--import', 'tsx', API_ENTRY], process.env);
}

/**
 * The web app (apps/web/src/serve.ts builds it with `next build` when the build is missing or older
 * than its sources, then runs `next start`) on STYLECLIP_WEB_HOST:STYLECLIP_WEB_PORT (default 127.0.0.1:3000),
 * talking to the API at `apiUrl`; it is stopped with the API on Ctrl-C.
 */
function startWebApp(apiUrl: string): { process: ChildProcess; url: string } {
  const host = process.env.STYLECLIP_WEB_HOST || '127.0.0.1';
  const port = process.env.STYLECLIP_WEB_PORT || '3000';
  const serve = join(ROOT, 'apps', 'web', 'src', 'serve.ts');
  const child = spawnChild(['--import', 'tsx', serve], {
    ...process.env,
    STYLECLIP_API_URL: apiUrl,
    STYLECLIP_WEB_HOST: host,
    STYLECLIP_WEB_PORT: port,
  });
  return { process: child, url: `http://${host}:${port}` };
}

/** A URL without its password, for printing. */
const redactUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:…@');

async function main(): Promise<void> {
  console.log('StyleCLIP service: text-driven StyleGAN2 editing\n');
  console.log(formatStatus(capabilities));
  console.log('');
  loadEnv();
  await ensureDefaultTiny();

  const children: ChildProcess[] = [];
  const api = startApi();
  children.push(api);
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((r) => {
            if (c.exitCode !== null || c.signalCode !== null) return r();
            c.once('exit', () => r());
            c.kill('SIGTERM');
          }),
      ),
    );
    console.log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  api.on('exit', (code) => {
    if (!stopping) {
      console.error(`the API exited unexpectedly (code ${code})`);
      void stopAll(code ?? 1);
    }
  });

  const host = process.env.STYLECLIP_HOST!;
  const apiUrl =
    process.env.STYLECLIP_PUBLIC_URL ||
    `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${process.env.STYLECLIP_PORT}`;
  try {
    await waitServing(`${apiUrl}/readyz`, api, { what: 'the API', timeoutMs: 180_000, intervalMs: 200 });
  } catch (e) {
    console.error((e as Error).message);
    await stopAll(1);
    return;
  }
  const web = startWebApp(apiUrl);
  children.push(web.process);
  web.process.on('exit', (code) => {
    if (!stopping) {
      console.error(`the web app exited unexpectedly (code ${code})`);
      void stopAll(code ?? 1);
    }
  });
  // `ready:` only once the web app really serves its first page (the first start builds it: minutes).
  console.log('API ready; starting the web app (the first start builds it, which takes a few minutes)…');
  try {
    await waitServing(`${web.url}/`, web.process, { what: 'the web app', timeoutMs: 20 * 60_000 });
  } catch (e) {
    if (stopping) return;
    console.error((e as Error).message);
    await stopAll(1);
    return;
  }

  console.log('\nready:');
  console.log(`  GraphQL API      ${apiUrl}/graphql   (POST; subscriptions over WebSocket at the same URL)`);
  console.log(`  health / ready   ${apiUrl}/healthz   ${apiUrl}/readyz`);
  console.log(`  metrics          ${apiUrl}/metrics`);
  console.log(`  web app          ${web.url}`);
  console.log(
    `  storage          ${process.env.STYLECLIP_STORAGE === 's3' ? `s3://${process.env.STYLECLIP_S3_BUCKET}` : process.env.STYLECLIP_DATA_DIR}`,
  );
  console.log(
    `  model sets       ${process.env.STYLECLIP_MODELS_DIR} (default: ${process.env.STYLECLIP_DEFAULT_MODEL_SET})`,
  );
  console.log(
    process.env.REDIS_URL
      ? `  jobs             queued on ${redactUrl(process.env.REDIS_URL)}: run them with \`npm run worker\` (any number, any machine)`
      : '  jobs             run in the API process (set REDIS_URL to queue them for `npm run worker` processes)',
  );
  console.log('\nCtrl-C stops it.');
}

await main();
