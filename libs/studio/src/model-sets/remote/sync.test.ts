import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '@styleclip/storage/testing';
import { studioConfigFromEnv } from '../../config';
import { createLogger } from '../../log';
import { createStudio, type Studio } from '../../studio';
import { modelsDirWithTiny } from '../../testing/models';
import { pushModelSet } from './push';
import { openRemoteUrl } from './remote-set';
import { UploadJournals } from './upload-journal';

// A service's start with STYLECLIP_MODEL_SETS: the sets are pulled from S3 (s3rver) into the models folder, the
// default set gets its sessions and a warm-up run, and a restart on the same folder verifies and downloads nothing.

let s3: LocalS3;
let root: string;
let tinyDir: string;
const studios: Studio[] = [];

const s3Env = () => ({
  STYLECLIP_S3_ENDPOINT: s3.endpoint,
  STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
  AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
});

/** A studio as a service starts it, with its JSON log lines collected. */
function start(modelsDir: string, modelSets: string): { studio: Studio; logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n'))
        if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = studioConfigFromEnv({
    ...s3Env(),
    STYLECLIP_DATA_DIR: join(root, 'data'),
    STYLECLIP_MODELS_DIR: modelsDir,
    STYLECLIP_MODEL_SETS: modelSets,
    STYLECLIP_INTRA_OP_THREADS: '1',
  });
  const studio = createStudio(config, { log: createLogger('info', { destination }) });
  studios.push(studio);
  return { studio, logs };
}

beforeAll(async () => {
  s3 = await startLocalS3();
  root = await mkdtemp(join(tmpdir(), 'model-set-sync-'));
  tinyDir = join(await modelsDirWithTiny(join(root, 'src'), 'link'), 'tiny');
  const to = openRemoteUrl(`s3://${s3.bucket}/models/tiny`, s3Env());
  await pushModelSet(tinyDir, to, { journals: new UploadJournals(join(root, 'journals')) });
  to.objects.close();
}, 120_000);

afterAll(async () => {
  for (const s of studios) await s.close(5000);
  await s3?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('model sets from S3 at start', { timeout: 120_000 }, () => {
  it('pulls, creates sessions, warms up; a restart reuses the verified cache; a damaged file is fetched again', async () => {
    const cache = join(root, 'cache');
    const first = start(cache, `s3://${s3.bucket}/models/*`);
    expect(first.studio.models.ready).toBe(false);
    await first.studio.models.warmUp();
    expect(first.studio.models.ready).toBe(true);
    const pulled = first.logs.find((l) => l.msg === 'model set pulled')!;
    expect(pulled).toMatchObject({ modelSet: 'tiny', kept: 0, dir: join(cache, 'tiny') });
    expect(pulled.transferredBytes).toBe(pulled.totalBytes);
    const loaded = first.logs.find((l) => l.msg === 'default model set loaded')!;
    expect(loaded).toMatchObject({ modelSet: 'tiny' });
    for (const k of ['pullMs', 'sessionsMs', 'warmUpMs']) expect(loaded[k]).toBeGreaterThanOrEqual(0);
    // The sessions of the first requests' models exist, each with its execution provider logged.
    const w = first.studio.models.lastWarmUp!;
    expect(w.models).toEqual(
      expect.arrayContaining([
        'mapping.onnx',
        'generator.onnx',
        'synthesis.onnx',
        'clip-image.onnx',
        'clip-text.onnx',
      ]),
    );
    const providers = first.logs.filter((l) => /execution provider cpu/.test(String(l.msg)));
    expect(providers.length).toBeGreaterThanOrEqual(w.models.length);
    for (const file of ['manifest.json', 'synthesis.onnx'])
      expect((await readFile(join(cache, 'tiny', file))).equals(await readFile(join(tinyDir, file)))).toBe(
        true,
      );
    await first.studio.close(5000);

    // A restart: the files are hashed, found right, nothing is downloaded.
    const second = start(cache, `s3://${s3.bucket}/models/tiny`);
    await second.studio.models.warmUp();
    expect(second.logs.find((l) => l.msg === 'model set verified in the local cache')).toMatchObject({
      modelSet: 'tiny',
      transferredBytes: 0,
    });
    await second.studio.close(5000);

    // A cached file damaged on disk: only that file is downloaded again.
    const damaged = join(cache, 'tiny', 'mapping.onnx');
    const bytes = await readFile(damaged);
    bytes[100]! ^= 0xff;
    await writeFile(damaged, bytes);
    const third = start(cache, `s3://${s3.bucket}/models/tiny`);
    await third.studio.models.warmUp();
    expect(third.logs.find((l) => l.msg === 'model set pulled')).toMatchObject({
      transferredBytes: bytes.length,
    });
    expect((await readFile(damaged)).equals(await readFile(join(tinyDir, 'mapping.onnx')))).toBe(true);
  });

  it('a set that is not there fails the warm-up (readiness says failed) with the reason', async () => {
    const { studio, logs } = start(join(root, 'empty'), `s3://${s3.bucket}/models/missing`);
    await expect(studio.models.warmUp()).rejects.toThrow(/no model set at s3:\/\/.*models\/missing\//);
    expect(studio.models.ready).toBe(false);
    expect(studio.models.loadError).toBeDefined();
    expect(logs.find((l) => l.msg === 'cannot load the default model set')).toBeDefined();
  });

  it('STYLECLIP_MODEL_SETS takes s3:// URLs only', () => {
    expect(() =>
      studioConfigFromEnv({ STYLECLIP_MODEL_SETS: 'https://example.com/models, s3://ok-bucket/models/*' }),
    ).toThrow(/STYLECLIP_MODEL_SETS: invalid S3 URL "https:\/\/example.com\/models"/);
    const c = studioConfigFromEnv({ ...s3Env(), STYLECLIP_MODEL_SETS: 's3://ok-bucket/models/*' });
    expect(c.modelSets).toMatchObject([
      { everySetUnder: true, s3: { bucket: 'ok-bucket', prefix: 'models/', endpoint: s3.endpoint } },
    ]);
  });
});
