import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API, IMAGE_ROLES, MODELS_DIR_IN_IMAGE, WEB } from '../contract';
import { REPO_ROOT } from '../testing/synth';
import { isIgnored, parseDockerignore } from './dockerignore';
import { effective, execForm, lineage, parseCopy, parseDockerfile, workdir, type Instruction } from './parse';

const DOCKERFILE = join(REPO_ROOT, 'infra', 'Dockerfile');
const file = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
const ignore = parseDockerignore(readFileSync(`${DOCKERFILE}.dockerignore`, 'utf8'));
const all: Instruction[] = file.stages.flatMap((s) => s.instructions);
const stageNames = new Set(file.stages.map((s) => s.name));
const require = createRequire(import.meta.url);

interface PackageJson {
  name: string;
  scripts?: Record<string, string>;
  workspaces?: string[];
}
const readPackage = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8'));

/** Workspace packages by name (folder globs of the root package.json, one level deep). */
function workspaces(): Map<string, { dir: string; pkg: PackageJson }> {
  const out = new Map<string, { dir: string; pkg: PackageJson }>();
  for (const pattern of readPackage('.').workspaces ?? []) {
    const dirs = pattern.endsWith('/*')
      ? readdirSync(join(REPO_ROOT, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${pattern.slice(0, -2)}/${d.name}`)
      : [pattern];
    for (const dir of dirs) {
      if (!existsSync(join(REPO_ROOT, dir, 'package.json'))) continue;
      const pkg = readPackage(dir);
      out.set(pkg.name, { dir, pkg });
    }
  }
  return out;
}

/** Scripts whose body is exactly `command`, in the root package and in the package of `dir` (relative). */
function scriptsRunning(command: string, dir: string): string[] {
  const found: string[] = [];
  for (const [where, pkg] of [
    ['root', readPackage('.')],
    ...(dir && existsSync(join(REPO_ROOT, dir, 'package.json')) ? [[dir, readPackage(dir)] as const] : []),
  ] as const) {
    for (const [name, body] of Object.entries(pkg.scripts ?? {}))
      if (body === command) found.push(`${where}:${name}`);
  }
  return found;
}

describe('infra/Dockerfile', () => {
  it('copies only paths that exist in the repository and are in the build context', () => {
    const copies = all
      .filter((i) => i.keyword === 'COPY')
      .map((i) => ({ ...parseCopy(i.args), line: i.line }));
    const fromContext = copies.filter((c) => !c.from);
    expect(fromContext.length).toBeGreaterThan(5);
    for (const c of fromContext) {
      for (const src of c.sources) {
        expect(existsSync(join(REPO_ROOT, src)), `line ${c.line}: COPY ${src} (missing)`).toBe(true);
        expect(
          isIgnored(ignore, src),
          `line ${c.line}: COPY ${src} is excluded by Dockerfile.dockerignore`,
        ).toBe(false);
      }
    }
    // Every workspace's package.json reaches npm ci (it refuses a lockfile naming a missing workspace folder).
    const copied = fromContext.flatMap((c) => c.sources);
    for (const { dir } of workspaces().values()) {
      const covered = copied.some((s) => dir === s || dir.startsWith(`${s}/`) || s === `${dir}/package.json`);
      expect(covered, `workspace ${dir} is not copied into the build stages`).toBe(true);
    }
    for (const c of copies.filter((c) => c.from)) {
      expect(
        stageNames.has(c.from) || /^[a-z0-9./-]+:[\w.-]+$/.test(c.from!),
        `line ${c.line}: --from=${c.from}`,
      ).toBe(true);
    }
  });

  it('keeps secrets, data and installed modules out of the build context', () => {
    for (const path of [
      '.env',
      'data/records/x.json',
      'node_modules/x',
      'apps/web/node_modules/x',
      'apps/web/.next/BUILD_ID',
      'models/tiny/manifest.json',
      '.git/HEAD',
    ]) {
      expect(isIgnored(ignore, path), path).toBe(true);
    }
  });

  it('runs only npm scripts that exist', () => {
    const ws = workspaces();
    const runs = all
      .filter((i) => i.keyword === 'RUN')
      .flatMap((i) =>
        [...i.args.matchAll(/npm run (?:--\S+ )*([\w:.-]+)(?: --workspace[ =](\S+)| -w (\S+))?/g)].map(
          (m) => ({ line: i.line, script: m[1]!, workspace: m[2] ?? m[3] }),
        ),
      );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const r of runs) {
      const pkg = r.workspace ? ws.get(r.workspace)?.pkg : readPackage('.');
      expect(pkg, `line ${r.line}: workspace ${r.workspace}`).toBeDefined();
      expect(
        pkg!.scripts?.[r.script],
        `line ${r.line}: npm run ${r.script}${r.workspace ? ` -w ${r.workspace}` : ''}`,
      ).toBeDefined();
    }
  });

  it.each(IMAGE_ROLES)('%s: non-root, under tini, starting the npm script that runs it locally', (role) => {
    expect(stageNames.has(role), `no target ${role}`).toBe(true);
    const user = effective(file, role, 'USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(execForm(effective(file, role, 'ENTRYPOINT')!.args)).toEqual(['/usr/bin/tini', '--']);
    const installsTini = lineage(file, role).some((s) =>
      s.instructions.some((i) => i.keyword === 'RUN' && /apt-get install[^&]*\btini\b/.test(i.args)),
    );
    expect(installsTini, `${role} does not install tini`).toBe(true);

    // CMD is the exec form of an npm script's body: `npm run` itself would not pass SIGTERM on.
    const cmd = execForm(effective(file, role, 'CMD')!.args)!;
    expect(cmd[0]).not.toBe('npm');
    const dir = workdir(file, role).replace(/^\/app\/?/, '');
    const scripts = scriptsRunning(cmd.join(' '), dir);
    expect(scripts, `CMD ${JSON.stringify(cmd)} is no npm script's command (root or ${dir})`).not.toEqual([]);
    // The script each role runs locally: `npm run api`, `npm run worker`, `next start` of the web app.
    const expected = { api: 'root:api', worker: 'root:worker', web: 'apps/web:start' }[role];
    expect(scripts).toContain(expected);
  });

  it('probes the paths and ports the deployment uses', () => {
    const probe = (role: string) =>
      execForm(effective(file, role, 'HEALTHCHECK')!.args.replace(/^(--\S+\s+)*CMD\s+/, ''))!.join(' ');
    expect(probe('api')).toContain(`http://127.0.0.1:${API.port}${API.livenessPath}`);
    expect(probe('web')).toContain(`http://127.0.0.1:${WEB.port}${WEB.healthPath}`);
    expect(effective(file, 'worker', 'HEALTHCHECK')!.args).toBe('NONE');
    expect(effective(file, 'api', 'EXPOSE')!.args).toBe(String(API.port));
    expect(effective(file, 'web', 'EXPOSE')!.args).toBe(String(WEB.port));
    const env = (role: string) =>
      all
        .filter(
          (i) =>
            i.keyword === 'ENV' &&
            file.stages.some((s) => s.instructions.includes(i) && [role, 'gpu'].includes(s.name ?? '')),
        )
        .map((i) => i.args)
        .join(' ');
    expect(env('api')).toContain(`STYLECLIP_PORT=${API.port}`);
    expect(env('api')).toContain(`STYLECLIP_MODELS_DIR=${MODELS_DIR_IN_IMAGE}`);
    expect(env('web')).toContain(`PORT=${WEB.port}`);
  });

  it('puts the GPU roles on the CUDA major and the provider build onnxruntime-node installs', () => {
    const cuda = file.args.CUDA_IMAGE!;
    const m = /^nvidia\/cuda:(\d+)\.\d+\.\d+-cudnn-runtime-ubuntu\d+\.\d+$/.exec(cuda);
    expect(m, cuda).not.toBeNull();
    for (const role of ['api', 'worker'])
      expect(file.stages.find((s) => s.name === 'gpu')!.from, role).toBe(cuda);

    const ort = require('onnxruntime-node/package.json') as { version: string };
    expect(ort.version).toMatch(/^1\.30\./);
    const metadata = require('onnxruntime-node/script/install-metadata.js') as {
      requirements: Record<string, string[]>;
      manifests: Record<string, Record<string, unknown>>;
    };
    const install = /ONNXRUNTIME_NODE_INSTALL=(\S+)/.exec(
      file.stages
        .find((s) => s.name === 'gpu-deps')!
        .instructions.filter((i) => i.keyword === 'ENV')
        .map((i) => i.args)
        .join(' '),
    )?.[1];
    expect(metadata.requirements['linux/x64']).toContain(install);
    expect(install).toBe(`cuda${m![1]}`);
    const files = Object.keys(metadata.manifests[`linux/x64:${install}`]!).map((f) => f.replace(/^\.\//, ''));
    const checked = /test -f node_modules\/onnxruntime-node\/bin\/napi-v6\/linux\/x64\/(\S+)/.exec(
      all.map((i) => i.args).join('\n'),
    )?.[1];
    expect(files).toContain(checked);
    expect(checked).toBe('libonnxruntime_providers_cuda.so');
  });
});
