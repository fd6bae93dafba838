import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpy, toFloat32, writeNpy } from '@styleclip/checkpoints';
import { fixturePath, hasNaN, relativeL2, seededRandom, sharedDir } from '@styleclip/testing';
import { runCliCaptured as cli } from './run-captured';

const v2 = (file: string) => join(sharedDir(), 'fixtures', 'parity-v2', file);
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-arcface-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const npy = async (file: string) => toFloat32(await readNpy(file));

describe.each(['arcface.pth', 'arcface_legacy.pth'])(
  'ArcFace and the ID loss through the CLI (%s)',
  (file) => {
    const set = () => join(tmp, file);

    it('imports the ArcFace beside the generator', async () => {
      const r = await cli(
        'models',
        'import',
        '--generator',
        fixturePath('generator.pt'),
        '--arcface',
        v2(`arcface/${file}`),
        '--out',
        set(),
      );
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/arcface: IR-SE stages 16\/20\/24\/32, embedding 40, ID loss at 32px/);
    });

    it('run arcface: L2-normalized features', async () => {
      const output = join(tmp, `${file}-feats.npy`);
      const r = await cli(
        'run',
        'arcface',
        '--models',
        set(),
        '--input',
        v2('arcface/arcface_input.npy'),
        '--output',
        output,
      );
      expect(r.code).toBe(0);
      const feats = await npy(output);
      expect(hasNaN(feats)).toBe(false);
      expect(relativeL2(feats, await npy(v2('arcface/arcface_feats.npy')))).toBeLessThan(1e-4);
    });

    it('run id-loss: the loss value and its gradient w.r.t. y_hat', async () => {
      const [loss, grad] = [join(tmp, `${file}-loss.npy`), join(tmp, `${file}-grad.npy`)];
      const r = await cli(
        'run',
        'id-loss',
        '--models',
        set(),
        '--input',
        v2('arcface/idloss_y_hat.npy'),
        '--target',
        v2('arcface/idloss_y.npy'),
        '--output',
        loss,
        '--output-grad',
        grad,
      );
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const value = await npy(loss);
      const expected = await npy(v2('arcface/idloss_value.npy'));
      expect(value.length).toBe(1);
      expect(Math.abs(value[0]! - expected[0]!) / expected[0]!).toBeLessThan(1e-4);
      const g = await npy(grad);
      expect(hasNaN(g)).toBe(false);
      expect(relativeL2(g, await npy(v2('arcface/idloss_grad_y_hat.npy')))).toBeLessThan(1e-3);
    });
  },
);

describe('ArcFace CLI: other widths, errors', () => {
  it('imports and runs optimization/arcface.pth (stages 16/16/16/32, embedding 32)', async () => {
    const set = join(tmp, 'opt');
    const r = await cli(
      'models',
      'import',
      '--generator',
      fixturePath('generator.pt'),
      '--arcface',
      v2('optimization/arcface.pth'),
      '--out',
      set,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/IR-SE stages 16\/16\/16\/32, embedding 32/);
    const output = join(tmp, 'opt-feats.npy');
    expect(
      (
        await cli(
          'run',
          'arcface',
          '--models',
          set,
          '--input',
          v2('arcface/arcface_input.npy'),
          '--output',
          output,
        )
      ).code,
    ).toBe(0);
    const feats = await npy(output);
    expect(feats.length).toBe(3 * 32);
    for (let b = 0; b < 3; b++) expect(Math.hypot(...feats.subarray(b * 32, (b + 1) * 32))).toBeCloseTo(1, 5);
    // The ID loss of an image with itself is 0, and its gradient vanishes.
    const images = join(tmp, 'images.npy');
    const rand = seededRandom(5);
    await writeNpy(images, {
      dtype: 'float32',
      shape: [2, 3, 32, 32],
      data: rand.fillNormal(2 * 3 * 32 * 32, 0.5),
    });
    const [loss, grad] = [join(tmp, 'self-loss.npy'), join(tmp, 'self-grad.npy')];
    const s = await cli(
      'run',
      'id-loss',
      '--models',
      set,
      '--input',
      images,
      '--target',
      images,
      '--output',
      loss,
      '--output-grad',
      grad,
    );
    expect(s.code).toBe(0);
    expect(Math.abs((await npy(loss))[0]!)).toBeLessThan(1e-6);
  });

  it('fails clearly: no --target, a set without ArcFace, wrong image size', async () => {
    const set = join(tmp, 'arcface.pth');
    const out = join(tmp, 'x.npy');
    const noTarget = await cli(
      'run',
      'id-loss',
      '--models',
      set,
      '--input',
      v2('arcface/idloss_y_hat.npy'),
      '--output',
      out,
    );
    expect(noTarget.code).toBe(1);
    expect(noTarget.err).toMatch(/run id-loss needs --target/);
    const plain = join(tmp, 'plain');
    expect(
      (await cli('models', 'import', '--generator', fixturePath('generator.pt'), '--out', plain)).code,
    ).toBe(0);
    const none = await cli(
      'run',
      'arcface',
      '--models',
      plain,
      '--input',
      v2('arcface/arcface_input.npy'),
      '--output',
      out,
    );
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/has no ArcFace model; import one with "models import --arcface FILE"/);
    const wrongSize = await cli(
      'run',
      'id-loss',
      '--models',
      set,
      '--input',
      v2('arcface/arcface_input.npy'),
      '--target',
      v2('arcface/arcface_input.npy'),
      '--output',
      out,
    );
    expect(wrongSize.code).toBe(1);
    expect(wrongSize.err).toMatch(/id-loss input: expected shape \[N,3,32,32\], got \[3,3,112,112\]/);
  });
});
