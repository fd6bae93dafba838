// `npx tsx apps/api/src/load/attack.ts [--root DIR]`: the request-level attacks of issue #12, measured against an
// API started with its default limits (its own process, loopback, tiny model set, a temp folder): 50 aliased
// previewGlobalEdit × 16 α (anonymous), 50 aliased generateImages × 16 seeds, and 300 wrong API keys. Prints what
// each did (HTTP status, error code, images rendered or stored, time) next to one ordinary preview for scale.
// `--root` runs another checkout's API (e.g. an export of an older commit) with the same models, to compare.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelsDirWithTiny } from '@styleclip/studio/testing';

const argIndex = process.argv.indexOf('--root');
const ROOT =
  argIndex >= 0
    ? resolve(process.argv[argIndex + 1]!)
    : fileURLToPath(new URL('../../../../', import.meta.url));
const SIXTEEN = Array.from({ length: 16 }, (_, i) => i / 4 - 2);
const KEY = 'attack-script-key';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

async function startApi(models: string, data: string, extra: Record<string, string>) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'apps/api/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        STYLECLIP_HOST: '127.0.0.1',
        STYLECLIP_PORT: String(port),
        STYLECLIP_MODELS_DIR: models,
        STYLECLIP_DEFAULT_MODEL_SET: 'tiny',
        STYLECLIP_STORAGE: 'fs',
        STYLECLIP_DATA_DIR: data,
        STYLECLIP_LOG_LEVEL: 'error',
        ...extra,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 120_000) throw new Error('the API did not become ready in 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  return { url, stop };
}

interface Answer {
  status: number;
  ms: number;
  code: string | undefined;
  message: string | undefined;
  data: Record<string, unknown> | null;
}

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const t0 = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return {
    status: res.status,
    ms: Math.round(performance.now() - t0),
    code: body.errors?.[0]?.extensions?.code,
    message: body.errors?.[0]?.message,
    data: body.data ?? null,
  };
}

const aliased = (kind: string, n: number, call: string, select: string) =>
  `${kind} { ${Array.from({ length: n }, (_, i) => `a${i}: ${call} { ${select} }`).join(' ')} }`;

/** Images in the answer: per alias, the preview's images or the generated list. */
function counted(data: Record<string, unknown> | null, field: 'images' | null): number {
  if (!data) return 0;
  return Object.values(data).reduce<number>((n, v) => {
    if (v == null) return n;
    const list = field ? (v as Record<string, unknown[]>)[field] : (v as unknown[]);
    return n + (Array.isArray(list) ? list.length : 0);
  }, 0);
}

const line = (name: string, a: Answer, what: string) =>
  console.log(
    `${name.padEnd(34)} HTTP ${a.status} ${String(a.code ?? 'ok').padEnd(20)} ${what.padEnd(24)} ${String(a.ms).padStart(6)} ms` +
      (a.message ? `\n${''.padEnd(35)}“${a.message.slice(0, 200)}”` : ''),
  );

async function main(): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'styleclip-attack-'));
  try {
    const models = await modelsDirWithTiny(tmp, 'link');
    console.log(`API from ${ROOT}`);
    const api = await startApi(models, join(tmp, 'data'), {});
    try {
      const made = await post(api.url, 'mutation { generateImages(input: { seeds: [1] }) { id } }');
      const imageId = (made.data!.generateImages as { id: string }[])[0]!.id;
      const call = (alphas: number[]) =>
        `previewGlobalEdit(input: { imageId: "${imageId}", neutral: "a face", target: "a smiling face", alphas: [${alphas.join(', ')}] })`;
      await post(api.url, aliased('query', 1, call([1]), 'channels')); // warm-up: directions and sessions loaded
      const one = await post(api.url, aliased('query', 1, call([1]), 'images { alpha }'));
      line('1 preview × 1 α (for scale)', one, `${counted(one.data, 'images')} images rendered`);
      const attack = await post(api.url, aliased('query', 50, call(SIXTEEN), 'images { alpha }'));
      line('50 aliased previews × 16 α', attack, `${counted(attack.data, 'images')} images rendered`);
      const seeds = Array.from({ length: 16 }, (_, i) => 5000 + i).join(', ');
      const gen = await post(
        api.url,
        aliased('mutation', 50, `generateImages(input: { seeds: [${seeds}] })`, 'id'),
      );
      line('50 aliased generateImages × 16', gen, `${counted(gen.data, null)} images stored`);
    } finally {
      await api.stop();
    }

    const hash = createHash('sha256').update(KEY).digest('hex');
    const keyed = await startApi(models, join(tmp, 'data-keys'), { STYLECLIP_API_KEY_SHA256: hash });
    try {
      const statuses = new Map<number, number>();
      const t0 = performance.now();
      for (let i = 0; i < 300; i++) {
        const a = await post(keyed.url, '{ health { status } }', { authorization: `Bearer wrong-${i}` });
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
      const ms = Math.round(performance.now() - t0);
      const right = await post(keyed.url, '{ health { status } }', { authorization: `Bearer ${KEY}` });
      console.log(
        `${'300 wrong API keys'.padEnd(34)} ${[...statuses].map(([s, n]) => `${n}× HTTP ${s}`).join(', ')} in ${ms} ms; ` +
          `then the right key: HTTP ${right.status}`,
      );
    } finally {
      await keyed.stop();
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
