import { createHash } from 'node:crypto';
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_S3_CREDENTIALS,
  modelsDirWithTiny,
  startLocalS3,
  type LocalS3,
} from '@styleclip/studio/testing';
import { runCliCaptured as cli } from '../run-captured';

// `styleclip models push/pull` against s3rver, configured like the product (STYLECLIP_S3_*, AWS_*).

let s3: LocalS3;
let tmp: string;
let tiny: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  s3 = await startLocalS3();
  tmp = await mkdtemp(join(tmpdir(), 'cli-transfer-'));
  tiny = join(await modelsDirWithTiny(tmp, 'link'), 'tiny');
  const env = {
    STYLECLIP_S3_ENDPOINT: s3.endpoint,
    STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    TMPDIR: tmp, // the push journals go under the OS temp folder
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
}, 120_000);

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await s3?.dispose();
  await rm(tmp, { recursive: true, force: true });
});

describe('styleclip models push / pull', () => {
  it('round-trips the tiny set through S3 with sparse progress lines off a terminal', async () => {
    const url = `s3://${s3.bucket}/models/tiny`;
    const push = await cli('models', 'push', '--models', tiny, '--to', url);
    expect(push.code, push.err).toBe(0);
    // (The AWS SDK may add its own Node version notice on stderr.)
    const lines = push.err.split('\n').filter((l) => l.startsWith('pushing '));
    expect(lines.length).toBeLessThanOrEqual(12); // ≤ one per 10% (stderr is not a TTY here), plus the summary
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)).toMatch(
      /^pushing .* to s3:\/\/.*\/models\/tiny\/: model set tiny: \d+ files, [\d.]+ MB sent in /,
    );

    const out = join(tmp, 'pulled');
    const pull = await cli('models', 'pull', '--from', url, '--out', out);
    expect(pull.code, pull.err).toBe(0);
    expect(pull.err).toMatch(/model set tiny: \d+ files, [\d.]+ MB downloaded/);
    for (const f of (await readdir(tiny)).filter((f) => f.endsWith('.onnx') || f === 'manifest.json'))
      expect((await readFile(join(out, f))).equals(await readFile(join(tiny, f))), f).toBe(true);

    const again = await cli('models', 'pull', '--from', url, '--out', out);
    expect(again.err).toMatch(/0\.0 MB downloaded, \d+ already there and verified/);
  });

  it('refuses a corrupted object with a one-line error and exit code 1', async () => {
    const url = `s3://${s3.bucket}/models/bad`;
    expect((await cli('models', 'push', '--models', tiny, '--to', url)).code).toBe(0);
    // Replace an object behind the push's back (s3rver takes unsigned requests).
    const good = await readFile(join(tiny, 'latent_avg.npy'));
    const bad = Buffer.from(good);
    bad[bad.length - 1]! ^= 1;
    const put = await fetch(`${s3.endpoint}/${s3.bucket}/models/bad/latent_avg.npy`, {
      method: 'PUT',
      body: bad,
    });
    expect(put.ok).toBe(true);
    const r = await cli('models', 'pull', '--from', url, '--out', join(tmp, 'bad'));
    expect(r.code).toBe(1);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(r.err).toContain(`error: s3://${s3.bucket}/models/bad/latent_avg.npy: sha256 ${sha(bad)}`);
    expect(r.err).toContain(`the manifest says ${sha(good)}`);
  });

  it('explains a URL that is not s3://', async () => {
    const r = await cli('models', 'pull', '--from', 'https://example.com/x', '--out', join(tmp, 'x'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error: invalid S3 URL "https:\/\/example.com\/x": it does not start with s3:\/\//);
  });
});
