import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomStyleGAN2Weights } from '@styleclip/architectures';
import { readNpy, toFloat32, writeNpy, writeSafetensors } from '@styleclip/checkpoints';
import { fixturePath, hasNaN, relativeL2, seededRandom, sharedDir } from '@styleclip/testing';
import { runCliCaptured as cli } from './run-captured';

const v2 = (file: string) => join(sharedDir(), 'fixtures', 'parity-v2', 'e4e', file);
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-e4e-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const npy = async (file: string) => toFloat32(await readNpy(file));
const expectClose = async (actual: Float32Array, expectedFile: string) => {
  expect(hasNaN(actual)).toBe(false);
  expect(relativeL2(actual, await npy(v2(expectedFile)))).toBeLessThan(1e-4);
};

describe('e4e through the CLI (e4e.pt: decoder as the generator, encoder as the encoder)', () => {
  const set = () => join(tmp, 'e4e');

  it('imports the decoder and the encoder from one checkpoint', async () => {
    const r = await cli(
      'models',
      'import',
      '--generator',
      v2('e4e.pt'),
      '--encoder',
      v2('e4e.pt'),
      '--out',
      set(),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/generator 32px, style dim 64, 2 mapping layers/);
    expect(r.out).toMatch(/encoder: e4e, IR-SE stages 16\/24\/32\/40, FPN 40, 256px → W\+ \[8,64\]/);
  });

  it('run encoder: W+ with latent_avg, the raw codes, and the pSp reconstruction (decoder → face_pool)', async () => {
    const [codes, raw, images] = ['codes.npy', 'raw.npy', 'out-images.npy'].map((f) => join(tmp, f)) as [
      string,
      string,
      string,
    ];
    const r = await cli(
      'run',
      'encoder',
      '--models',
      set(),
      '--input',
      v2('e4e_images.npy'),
      '--output',
      codes,
      '--output-images',
      images,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    await expectClose(await npy(codes), 'e4e_codes.npy');
    await expectClose(await npy(images), 'e4e_out_images.npy');
    expect(
      (
        await cli(
          'run',
          'encoder',
          '--models',
          set(),
          '--input',
          v2('e4e_images.npy'),
          '--output',
          raw,
          '--without-latent-avg',
        )
      ).code,
    ).toBe(0);
    await expectClose(await npy(raw), 'e4e_codes_no_avg.npy');
  });

  it('run generator on the codes gives the decoded images', async () => {
    const decoded = join(tmp, 'decoded.npy');
    expect(
      (
        await cli(
          'run',
          'generator',
          '--models',
          set(),
          '--input',
          join(tmp, 'codes.npy'),
          '--output',
          decoded,
        )
      ).code,
    ).toBe(0);
    await expectClose(await npy(decoded), 'e4e_decoder_images.npy');
  });

  it('fails clearly: wrong image size, a set without encoder, options of other components', async () => {
    const out = join(tmp, 'x.npy');
    const wrong = await cli(
      'run',
      'encoder',
      '--models',
      set(),
      '--input',
      v2('e4e_decoder_images.npy'),
      '--output',
      out,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/encoder input: expected shape \[N,3,256,256\], got \[2,3,32,32\]/);
    const plain = join(tmp, 'plain');
    expect(
      (await cli('models', 'import', '--generator', fixturePath('generator.pt'), '--out', plain)).code,
    ).toBe(0);
    const none = await cli(
      'run',
      'encoder',
      '--models',
      plain,
      '--input',
      v2('e4e_images.npy'),
      '--output',
      out,
    );
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/has no encoder; import an e4e checkpoint with "models import --encoder FILE"/);
    const misplaced = await cli(
      'run',
      'generator',
      '--models',
      set(),
      '--input',
      join(tmp, 'codes.npy'),
      '--output',
      out,
      '--without-latent-avg',
    );
    expect(misplaced.code).toBe(1);
    expect(misplaced.err).toMatch(/apply to run encoder only/);
  });

  it('refuses an encoder whose W+ does not fit the generator', async () => {
    // A 64-px generator takes 10 W+ rows; the fixture's encoder gives 8.
    const config = {
      size: 64,
      styleDim: 64,
      nMlp: 2,
      channels: { 4: 8, 8: 8, 16: 8, 32: 8, 64: 8 },
      blurKernel: [1, 3, 3, 1],
      lrMul: 0.01,
    };
    const weights = randomStyleGAN2Weights(config, 1);
    const file = join(tmp, 'gen64.safetensors');
    await writeSafetensors(
      file,
      Object.fromEntries(
        [...weights].map(([k, w]) => [k, { dtype: 'float32' as const, shape: [...w.shape], data: w.data }]),
      ),
    );
    const bad = await cli(
      'models',
      'import',
      '--generator',
      file,
      '--encoder',
      v2('e4e.pt'),
      '--out',
      join(tmp, 'bad'),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/the encoder outputs W\+ \[8,64\], the generator takes \[10,64\]/);
  });
});

describe('the tiny preset has a random e4e matched to its generator', () => {
  it('inverts 256×256 faces to W+ [N,10,64] and reconstructs them at 256', async () => {
    const tiny = join(tmp, 'tiny');
    expect((await cli('models', 'build', '--preset', 'tiny', '--out', tiny, '--no-directions')).code).toBe(0);
    const input = join(tmp, 'faces.npy');
    const rand = seededRandom(9);
    await writeNpy(input, {
      dtype: 'float32',
      shape: [2, 3, 256, 256],
      data: rand.fillNormal(2 * 3 * 256 * 256, 0.5),
    });
    const [codes, images] = [join(tmp, 'tiny-codes.npy'), join(tmp, 'tiny-images.npy')];
    const r = await cli(
      'run',
      'encoder',
      '--models',
      tiny,
      '--input',
      input,
      '--output',
      codes,
      '--output-images',
      images,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[2,3,256,256\] → W\+ \[2,10,64\]/);
    const w = await npy(codes);
    expect(hasNaN(w)).toBe(false);
    // Two different faces invert to different latents.
    expect(relativeL2(w.subarray(0, 640), w.subarray(640))).toBeGreaterThan(0.01);
    expect((await npy(images)).length).toBe(2 * 3 * 256 * 256);
  });
});
