import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, type ModelSetManifest } from '@styleclip/model-sets';
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '@styleclip/storage/testing';
import { modelsDirWithTiny } from '../../testing/models';
import { ModelSetTransferError } from './errors';
import { pullModelSet } from './pull';
import { pushModelSet } from './push';
import { openRemoteUrl, type RemoteSet } from './remote-set';
import { UploadJournals } from './upload-journal';

// Push and pull through s3rver on loopback, with the product's S3 settings. The set: the tiny preset with its
// generator.onnx replaced by 12 MiB of seeded bytes (listed in the manifest with their hash), so that file goes
// as a 3-part multipart upload (5 MiB parts) and is downloaded in chunks.

const MiB = 1024 * 1024;
const BIG = 'generator.onnx';
const BIG_BYTES = 12 * MiB + 12_345;

let s3: LocalS3;
let root: string;
let setDir: string;
let journals: UploadJournals;
let env: Record<string, string>;
let n = 0;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Seeded bytes (xorshift32): the same on every run. */
function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const remote = (prefix: string): RemoteSet => openRemoteUrl(`s3://${s3.bucket}/${prefix}`, env);

/** Every file of a set folder (not hidden ones) with its bytes. */
async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (sub: string): Promise<void> => {
    for (const e of await readdir(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else out.set(rel, await readFile(join(dir, rel)));
    }
  };
  await walk('');
  return out;
}

const hidden = async (dir: string) => (await readdir(dir)).filter((f) => f.startsWith('.'));

beforeAll(async () => {
  s3 = await startLocalS3();
  root = await mkdtemp(join(tmpdir(), 'model-set-transfer-'));
  env = {
    STYLECLIP_S3_ENDPOINT: s3.endpoint,
    STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
  };
  journals = new UploadJournals(join(root, 'journals'));
  const models = await modelsDirWithTiny(join(root, 'src'), 'copy');
  setDir = join(root, 'set');
  await cp(join(models, 'tiny'), setDir, { recursive: true });
  const big = seededBytes(BIG_BYTES, 7);
  await writeFile(join(setDir, BIG), big);
  const manifest = JSON.parse(await readFile(join(setDir, MANIFEST_FILE), 'utf8')) as ModelSetManifest;
  manifest.generator.models.generator = { path: BIG, sha256: sha256(big), bytes: big.length };
  await writeFile(join(setDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
}, 120_000);

afterAll(async () => {
  await s3?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('models push / pull through s3rver', { timeout: 60_000 }, () => {
  it('round-trips a set byte for byte; a second push and pull move nothing', async () => {
    const to = remote(`sets/a${++n}`);
    const pushed = await pushModelSet(setDir, to, { partSize: 5 * MiB, journals });
    expect(pushed.files.every((f) => f.action === 'transferred')).toBe(true);
    expect(pushed.transferredBytes).toBe(pushed.totalBytes);

    const out = join(root, `pulled-${n}`);
    const progress: number[] = [];
    const pulled = await pullModelSet(to, out, { onProgress: (p) => progress.push(p.done) });
    expect(pulled.id).toBe('tiny');
    expect(pulled.transferredBytes).toBe(pulled.totalBytes);
    expect(progress.at(-1)).toBe(pulled.totalBytes);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Byte-identical: every file of the set, and the manifest itself.
    const want = await filesOf(setDir);
    const got = await filesOf(out);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [path, bytes] of want) expect(got.get(path)!.equals(bytes), path).toBe(true);
    expect(await hidden(out)).toEqual([]);

    const again = await pushModelSet(setDir, to, { partSize: 5 * MiB, journals });
    expect(again.transferredBytes).toBe(0);
    expect(again.files.every((f) => f.action === 'kept')).toBe(true);
    const repull = await pullModelSet(to, out);
    expect(repull.transferredBytes).toBe(0);
    expect(repull.files.every((f) => f.action === 'kept')).toBe(true);
  });

  it('refuses a corrupted object, naming the file and both hashes, and installs nothing', async () => {
    const to = remote(`sets/c${++n}`);
    await pushModelSet(setDir, to, { partSize: 5 * MiB, journals });
    const good = await readFile(join(setDir, 'mapping.onnx'));
    const bad = Buffer.from(good);
    bad[bad.length >> 1]! ^= 0xff; // same size, one byte flipped: only the hash can tell
    await to.objects.put(`${to.prefix}mapping.onnx`, bad); // overwritten by something else (no sha256 metadata)

    const out = join(root, `corrupt-${n}`);
    const e = await pullModelSet(to, out).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ModelSetTransferError);
    expect(e).toMatchObject({ code: 'corrupt' });
    const msg = (e as Error).message;
    expect(msg).toContain(`${to.url}mapping.onnx`);
    expect(msg).toContain(`sha256 ${sha256(bad)}`);
    expect(msg).toContain(`the manifest says ${sha256(good)}`);
    // Nothing half-written can be read as valid: no such file, no partial, and the folder is not a model set.
    const left = await readdir(out);
    expect(left).not.toContain('mapping.onnx');
    expect(left).not.toContain(MANIFEST_FILE);
    expect(left.filter((f) => f.includes('mapping'))).toEqual([]);

    // A push sends the file again (its object lacks the content hash), and the pull completes.
    const repair = await pushModelSet(setDir, to, { partSize: 5 * MiB, journals });
    expect(repair.files.filter((f) => f.action !== 'kept').map((f) => f.path)).toEqual(['mapping.onnx']);
    await pullModelSet(to, out);
    expect((await readFile(join(out, 'mapping.onnx'))).equals(good)).toBe(true);
  });

  it('refuses an object of the wrong size before downloading it', async () => {
    const to = remote(`sets/s${++n}`);
    await pushModelSet(setDir, to, { partSize: 5 * MiB, journals });
    await to.objects.put(`${to.prefix}latent_avg.npy`, new Uint8Array(10));
    const e = await pullModelSet(to, join(root, `size-${n}`)).catch((err: unknown) => err);
    expect(e).toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/latent_avg\.npy is 10 bytes but the manifest says \d+/),
    });
  });

  it('continues an interrupted pull from the bytes already on disk', async () => {
    const to = remote(`sets/p${++n}`);
    await pushModelSet(setDir, to, { partSize: 5 * MiB, journals });
    const out = join(root, `resumed-${n}`);
    const stop = new AbortController();
    let bigBytes = 0;
    const e = await pullModelSet(to, out, {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.file !== BIG || p.step !== 'transferring') return;
        bigBytes = p.done; // (other files count too; only a lower bound matters here)
        if (bigBytes > 6 * MiB) stop.abort();
      },
    }).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'aborted' });
    const partial = (await stat(join(out, `.${BIG}.partial`))).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(BIG_BYTES);
    expect(await readdir(out)).not.toContain(MANIFEST_FILE);

    const r = await pullModelSet(to, out);
    const big = r.files.find((f) => f.path === BIG)!;
    expect(big).toMatchObject({ action: 'resumed', resumedAt: partial });
    // Only the rest of each partial file (the big one, and any other the first run was in the middle of: files
    // download concurrently) and the files it had not started went over the network.
    const fresh = r.files.filter((f) => f.action === 'transferred').reduce((s, f) => s + f.bytes, 0);
    const rest = r.files
      .filter((f) => f.action === 'resumed')
      .reduce((s, f) => s + f.bytes - f.resumedAt!, 0);
    expect(rest).toBeGreaterThanOrEqual(BIG_BYTES - partial);
    expect(r.transferredBytes).toBe(fresh + rest);
    const want = await filesOf(setDir);
    const got = await filesOf(out);
    for (const [path, bytes] of want) expect(got.get(path)!.equals(bytes), path).toBe(true);
    expect(await hidden(out)).toEqual([]);
  });

  it('continues an interrupted push with the parts not yet acknowledged', async () => {
    const to = remote(`sets/u${++n}`);
    const stop = new AbortController();
    const e = await pushModelSet(setDir, to, {
      partSize: 5 * MiB,
      journals,
      concurrency: 1,
      signal: stop.signal,
      onProgress: (p) => p.file === BIG && p.step === 'transferring' && stop.abort(),
    }).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'aborted' });
    // Nothing of the big file and no manifest is visible yet.
    expect(await to.objects.head(`${to.prefix}${BIG}`)).toBeUndefined();
    expect(await to.objects.head(`${to.prefix}${MANIFEST_FILE}`)).toBeUndefined();

    const r = await pushModelSet(setDir, to, { partSize: 5 * MiB, journals });
    expect(r.files.find((f) => f.path === BIG)).toMatchObject({ action: 'resumed', resumedAt: 5 * MiB });
    const fresh = r.files.filter((f) => f.action === 'transferred').reduce((s, f) => s + f.bytes, 0);
    expect(r.transferredBytes).toBe(fresh + BIG_BYTES - 5 * MiB);
    const out = join(root, `push-resumed-${n}`);
    await pullModelSet(to, out);
    expect((await readFile(join(out, BIG))).equals(await readFile(join(setDir, BIG)))).toBe(true);
  });

  it('does not push a damaged local set', async () => {
    const damaged = join(root, `damaged-${++n}`);
    await cp(setDir, damaged, { recursive: true });
    const file = join(damaged, 'styles.onnx');
    const bytes = await readFile(file);
    const want = sha256(bytes);
    bytes[0]! ^= 1;
    await writeFile(file, bytes);
    const to = remote(`sets/d${n}`);
    const e = await pushModelSet(damaged, to, { journals }).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'corrupt' });
    expect((e as Error).message).toContain(`${file}: sha256 ${sha256(bytes)}`);
    expect((e as Error).message).toContain(`the manifest says ${want}`);
    expect(await to.objects.head(`${to.prefix}${MANIFEST_FILE}`)).toBeUndefined();
  });

  it('says where there is no set, and refuses manifests that would write outside the folder', async () => {
    const empty = remote(`sets/none${++n}`);
    await expect(pullModelSet(empty, join(root, `none-${n}`))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no model set at s3:\/\/.*\(no manifest\.json there\); push one with/),
    });
    const hostile = remote(`sets/h${n}`);
    const manifest = JSON.parse(await readFile(join(setDir, MANIFEST_FILE), 'utf8')) as ModelSetManifest;
    manifest.generator.latentAvg.path = 'directions/.hidden/../../../escape.npy';
    await hostile.objects.put(`${hostile.prefix}${MANIFEST_FILE}`, Buffer.from(JSON.stringify(manifest)));
    const out = join(root, `hostile-${n}`);
    await expect(pullModelSet(hostile, out)).rejects.toMatchObject({ code: 'invalid' });
    manifest.generator.latentAvg.path = 'a/.hidden.npy';
    await hostile.objects.put(`${hostile.prefix}${MANIFEST_FILE}`, Buffer.from(JSON.stringify(manifest)));
    await expect(pullModelSet(hostile, out)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/starts with "\."/),
    });
    await expect(stat(join(root, 'escape.npy'))).rejects.toThrow();
  });
});
