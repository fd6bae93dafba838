import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { hasNaN, relativeL2 } from '@styleclip/testing';
import { feed, v2Array, v2Path } from '../irse/test-fixtures-v2';
import { readE4eCheckpoint, type E4eCheckpoint } from './checkpoint';
import { buildE4eEncoderGraph, e4eEncoder } from './encoder';
import { buildFacePoolGraph } from './face-pool';

describe('e4e parity with the official Encoder4Editing inside pSp (e4e.pt)', () => {
  let ckpt: E4eCheckpoint;

  it('reads the encoder, widths from the weights (FPN width ≠ style width) and latent_avg [L, D]', async () => {
    ckpt = await readE4eCheckpoint(v2Path('e4e/e4e.pt'));
    expect(ckpt.config).toEqual({
      body: {
        stemWidth: 16,
        stages: [
          { depth: 16, units: 3, seHidden: 1 },
          { depth: 24, units: 4, seHidden: 1 },
          { depth: 32, units: 14, seHidden: 2 },
          { depth: 40, units: 3, seHidden: 2 },
        ],
      },
      fpnWidth: 40,
      styleDim: 64,
      styleCount: 8,
      inputSize: 256,
    });
    expect(relativeL2(ckpt.latentAvg, (await v2Array('e4e/e4e_latent_avg.npy')).data)).toBe(0);
    expect(ckpt.notes.join('\n')).toMatch(/torch-zip/);
  });

  it('c3 (body unit 23), w0, codes without and with latent_avg', async () => {
    const g = new Graph('e4e_debug');
    const image = g.input('image', 'float32', ['batch', 3, 256, 256]);
    const out = e4eEncoder(g, image, ckpt.weights, ckpt.config);
    g.output(out.c3, 'c3');
    g.output(out.w0, 'w0');
    g.output(out.codes, 'codes');
    const images = feed(await v2Array('e4e/e4e_images.npy'));
    const r = await evaluate(g, { image: images });
    expect(relativeL2(r['c3']!, (await v2Array('e4e/e4e_c3.npy')).data)).toBeLessThan(1e-4);
    expect(relativeL2(r['w0']!, (await v2Array('e4e/e4e_w0.npy')).data)).toBeLessThan(1e-4);
    expect(relativeL2(r['codes']!, (await v2Array('e4e/e4e_codes_no_avg.npy')).data)).toBeLessThan(1e-4);

    const model = await evaluate(buildE4eEncoderGraph(ckpt.weights, ckpt.config, ckpt.latentAvg), {
      image: images,
    });
    expect(hasNaN(model['wplus']!)).toBe(false);
    expect(relativeL2(model['wplus']!, (await v2Array('e4e/e4e_codes.npy')).data)).toBeLessThan(1e-4);
    expect(relativeL2(model['codes']!, (await v2Array('e4e/e4e_codes_no_avg.npy')).data)).toBeLessThan(1e-4);
  });

  it('face_pool: the decoder output pooled to 256 (32 → 256 repeats each pixel 8×8)', async () => {
    const decoded = await v2Array('e4e/e4e_decoder_images.npy');
    const pooled = (await evaluate(buildFacePoolGraph(32), { image: feed(decoded) }))['pooled']!;
    expect(relativeL2(pooled, (await v2Array('e4e/e4e_out_images.npy')).data)).toBeLessThan(1e-6);
  });

  it('refuses files that are not e4e checkpoints, naming what was found', async () => {
    await expect(readE4eCheckpoint(v2Path('arcface/arcface.pth'))).rejects.toThrow(
      /arcface\.pth: not an e4e checkpoint \(no encoder\.styles\.0\.linear\.weight; found/,
    );
  });
});
