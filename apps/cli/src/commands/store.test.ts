import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, silentLogger, studioConfigFromEnv, type Studio } from '@styleclip/studio';
import { modelsDirWithTiny } from '@styleclip/studio/testing';
import { runCliCaptured as cli } from '../run-captured';

let tmp: string;
let env: Record<string, string>;
let studio: Studio;
const saved = { ...process.env };

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-store-'));
  env = {
    STYLECLIP_STORAGE: 'fs',
    STYLECLIP_DATA_DIR: join(tmp, 'data'),
    STYLECLIP_MODELS_DIR: await modelsDirWithTiny(tmp, 'link'),
    STYLECLIP_INTRA_OP_THREADS: '1',
    STYLECLIP_LOG_LEVEL: 'silent',
  };
  Object.assign(process.env, env);
  // What the API would have stored: the CLI deletes from the same store.
  studio = createStudio(studioConfigFromEnv(env), { log: silentLogger() });
}, 120_000);
afterAll(async () => {
  await studio?.close(10_000);
  process.env = saved;
  await rm(tmp, { recursive: true, force: true });
});

describe('styleclip images delete / edits delete', () => {
  it('deletes an edit, then an image with what is left, from the configured store', async () => {
    const [image] = await studio.images.generate({ seeds: [31] });
    const kept = await studio.edits.global({ imageId: image!.id, neutral: 'face', target: 'smiling face' });
    const dropped = await studio.edits.global({
      imageId: image!.id,
      neutral: 'face',
      target: 'old face',
      alphas: [1, 2],
    });

    const e = await cli('edits', 'delete', dropped.id);
    expect(e).toMatchObject({ code: 0, err: '' });
    expect(e.out).toBe(`deleted edit ${dropped.id}: 2 images, 1 edit, 4 stored files removed\n`);
    expect(await studio.edits.get(dropped.id)).toBeUndefined();

    const i = await cli('images', 'delete', image!.id);
    expect(i.code).toBe(0);
    expect(i.out).toBe(`deleted image ${image!.id}: 2 images, 1 edit, 4 stored files removed\n`);
    expect(await studio.images.get(image!.id)).toBeUndefined();
    expect(await studio.edits.get(kept.id)).toBeUndefined();

    const missing = await cli('images', 'delete', image!.id);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`error: image "${image!.id}" does not exist\n`);
  });
});
