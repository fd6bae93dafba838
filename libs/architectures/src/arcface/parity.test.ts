import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCheckpoint, stateDict, writeSafetensors } from '@styleclip/checkpoints';
import { Graph } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { hasNaN, relativeL2 } from '@styleclip/testing';
import { feed, v2Array, v2Path } from '../irse/test-fixtures-v2';
import { arcfaceNetwork, buildArcFaceGraph } from './backbone';
import { readArcFaceCheckpoint, type ArcFaceCheckpoint } from './checkpoint';
import { buildIdLossGraph } from './id-loss';

const tmp = await mkdtemp(join(tmpdir(), 'arcface-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe.each(['arcface/arcface.pth', 'arcface/arcface_legacy.pth'])(
  'ArcFace parity with the official Backbone (%s)',
  (file) => {
    let ckpt: ArcFaceCheckpoint;

    it('reads the bare state dict and the widths from the weights', async () => {
      ckpt = await readArcFaceCheckpoint(v2Path(file));
      expect(ckpt.format).toBe(file.includes('legacy') ? 'torch-legacy' : 'torch-zip');
      expect(ckpt.config).toEqual({
        body: {
          stemWidth: 16,
          stages: [
            { depth: 16, units: 3, seHidden: 1 },
            { depth: 20, units: 4, seHidden: 1 },
            { depth: 24, units: 14, seHidden: 1 },
            { depth: 32, units: 3, seHidden: 2 },
          ],
        },
        embedding: 40,
        inputSize: 112,
      });
      expect(ckpt.notes.join('\n')).toMatch(/ignored 54 BatchNorm num_batches_tracked counters/);
    });

    it('body, output layer (before l2_norm) and features', async () => {
      const g = new Graph('arcface_debug');
      const out = arcfaceNetwork(
        g,
        ckpt.weights,
        ckpt.config,
      )(g.input('image', 'float32', ['batch', 3, 112, 112]));
      g.output(out.body, 'body');
      g.output(out.prenorm, 'prenorm');
      g.output(out.features, 'features');
      const r = await evaluate(g, { image: feed(await v2Array('arcface/arcface_input.npy')) });
      expect(relativeL2(r['body']!, (await v2Array('arcface/arcface_body.npy')).data)).toBeLessThan(1e-4);
      expect(
        relativeL2(r['prenorm']!, (await v2Array('arcface/arcface_feats_prenorm.npy')).data),
      ).toBeLessThan(1e-4);
      const feats = r['features']!;
      expect(hasNaN(feats)).toBe(false);
      expect(relativeL2(feats, (await v2Array('arcface/arcface_feats.npy')).data)).toBeLessThan(1e-4);
    });

    it('IDLoss: value and the gradient w.r.t. y_hat (zero where the crop ignores pixels)', async () => {
      const g = buildIdLossGraph(ckpt.weights, ckpt.config, 32);
      const r = await evaluate(g, {
        y_hat: feed(await v2Array('arcface/idloss_y_hat.npy')),
        y: feed(await v2Array('arcface/idloss_y.npy')),
      });
      const value = (await v2Array('arcface/idloss_value.npy')).data;
      expect(r['loss']!.length).toBe(1);
      expect(Math.abs(r['loss']![0]! - value[0]!) / value[0]!).toBeLessThan(1e-4);
      const grad = r['grad_y_hat']!;
      const expected = (await v2Array('arcface/idloss_grad_y_hat.npy')).data;
      expect(hasNaN(grad)).toBe(false);
      expect(relativeL2(grad, expected)).toBeLessThan(1e-3);
      // The outer 4 rows and columns on every side feed only cropped-away rows/columns: exactly zero.
      let zeros = 0;
      expected.forEach((v, i) => {
        if (v === 0) {
          zeros++;
          expect(grad[i]).toBe(0);
        }
      });
      expect(zeros / expected.length).toBeCloseTo(0.44, 2);
    });
  },
);

describe('ArcFace checkpoint variants', () => {
  it('accepts a state dict without num_batches_tracked (PyTorch 0.4 files) and gives the same features', async () => {
    const ckpt = await openCheckpoint(v2Path('arcface/arcface.pth'));
    const tensors: Record<string, { dtype: 'float32'; shape: number[]; data: Float32Array }> = {};
    try {
      for (const [k, lazy] of stateDict(ckpt.root)) {
        if (k.endsWith('num_batches_tracked')) continue;
        const t = await lazy.load();
        tensors[k] = { dtype: 'float32', shape: t.shape, data: t.data as Float32Array };
      }
    } finally {
      await ckpt.close();
    }
    const file = join(tmp, 'no-counters.safetensors');
    await writeSafetensors(file, tensors);
    const read = await readArcFaceCheckpoint(file);
    expect(read.notes.join('\n')).not.toMatch(/num_batches_tracked/);
    const r = await evaluate(buildArcFaceGraph(read.weights, read.config), {
      image: feed(await v2Array('arcface/arcface_input.npy')),
    });
    expect(relativeL2(r['features']!, (await v2Array('arcface/arcface_feats.npy')).data)).toBeLessThan(1e-4);
  });

  it('reads other widths from the weights (optimization/arcface.pth: 16/16/16/32, embedding 32; conv shortcut only in unit 21)', async () => {
    const read = await readArcFaceCheckpoint(v2Path('optimization/arcface.pth'));
    expect(read.config.body.stages.map((s) => s.depth)).toEqual([16, 16, 16, 32]);
    expect(read.config.embedding).toBe(32);
    const image = await v2Array('arcface/arcface_input.npy');
    const feats = (await evaluate(buildArcFaceGraph(read.weights, read.config), { image: feed(image) }))[
      'features'
    ]!;
    expect(feats.length).toBe(3 * 32);
    for (let b = 0; b < 3; b++) {
      const row = feats.subarray(b * 32, (b + 1) * 32);
      expect(Math.hypot(...row)).toBeCloseTo(1, 5);
    }
  });

  it('refuses files that are not an ArcFace backbone, naming what was found', async () => {
    await expect(readArcFaceCheckpoint(v2Path('e4e/e4e.pt'))).rejects.toThrow(
      /e4e\.pt: not an ArcFace IR-SE checkpoint \(no output_layer\.3\.weight; found \d+ tensors, keys like/,
    );
  });
});
