import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { array32 } from '@styleclip/latent-math';
import { Engine } from './engine';
import { areaDownsample, psnr } from './previews';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(inject('tinySetDir'), { runner: { intraOpNumThreads: 1 } });
});
afterAll(async () => {
  await engine.close();
});

describe('Engine on the tiny preset', () => {
  it('generates deterministic images per seed, and truncation 0 gives the average face', async () => {
    const a = await engine.generate([1, 2], 1);
    const b = await engine.generate([2], 1);
    expect(a.images.shape).toEqual([2, 3, 64, 64]);
    const per = 3 * 64 * 64;
    expect(Array.from(b.images.data)).toEqual(Array.from(a.images.data.subarray(per, 2 * per)));
    const t0 = await engine.generate([1, 2], 0);
    expect(Array.from(t0.images.data.subarray(0, per))).toEqual(
      Array.from(t0.images.data.subarray(per, 2 * per)),
    );
  });

  it('W+ → S → image equals W+ → image (the S round trip)', async () => {
    const { wplus, images } = await engine.generate([5], 0.7);
    const s = await engine.components.styles(wplus);
    expect(s.shape).toEqual([1, engine.components.sDim]);
    const viaS = await engine.components.synthesis(s);
    let maxDiff = 0;
    for (let i = 0; i < viaS.data.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(viaS.data[i]! - images.data[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it('splits batches larger than one run allows and joins the results', async () => {
    const c = engine.components;
    expect(c.maxImagesPerRun).toBe(512);
    const { wplus } = await engine.generate([8], 0.7);
    const s1 = await c.styles(wplus);
    const n = c.maxImagesPerRun + 1;
    const many = array32([n, c.sDim]);
    for (let i = 0; i < n; i++) many.data.set(s1.data, i * c.sDim);
    const out = await c.synthesis(many);
    expect(out.shape).toEqual([n, 3, 64, 64]);
    const one = await c.synthesis(s1);
    const per = one.data.length;
    expect(Array.from(out.data.subarray((n - 1) * per))).toEqual(Array.from(one.data));
  });

  it('rejects wrong shapes, bad parameters and unknown mappers with clear errors', async () => {
    await expect(engine.components.styles(array32([1, 3, 64]))).rejects.toThrow(
      /styles input W\+: expected shape \[N,10,64\], got \[1,3,64\]/,
    );
    await expect(engine.generate([1], Number.NaN)).rejects.toThrow(/truncation must be in/);
    await expect(engine.components.mapper('nope', array32([1, 10, 64]))).rejects.toThrow(
      /has no mapper "nope" \(it has: demo\)/,
    );
  });
});

describe('previews (stopped-early synthesis)', () => {
  it('renders at a preview resolution from the set graph, with the same S, and names how', async () => {
    const c = engine.components;
    expect(c.previewResolutions).toEqual([16]);
    expect(c.defaultPreviewResolution()).toBe(16);
    expect([c.renderPath(), c.renderPath(64), c.renderPath(16), c.renderPath(32)]).toEqual([
      'full',
      'full',
      'preview',
      'downsampled',
    ]);
    const full = await engine.generate([3, 4], 0.7);
    const small = await engine.generate([3, 4], 0.7, { resolution: 16 });
    expect(small.images.shape).toEqual([2, 3, 16, 16]);
    expect(Array.from(small.wplus.data)).toEqual(Array.from(full.wplus.data));
    const viaS = await c.synthesis(await c.styles(full.wplus), { resolution: 16 });
    expect(Array.from(viaS.data)).toEqual(Array.from(small.images.data));
    // A preview is not the full image shrunk, but close to it.
    const reference = areaDownsample(full.images, 4);
    expect(psnr(small.images, reference)).toBeGreaterThan(10);
    expect(psnr(small.images, reference)).toBeLessThan(Infinity);
  });

  it('without a preview graph at that resolution, downsamples the full render', async () => {
    const full = await engine.generate([6], 0.7);
    const half = await engine.generate([6], 0.7, { resolution: 32 });
    expect(Array.from(half.images.data)).toEqual(Array.from(areaDownsample(full.images, 2).data));
  });

  it('refuses resolutions the generator cannot give, before any work', async () => {
    for (const r of [48, 128, 2, 0.5]) {
      await expect(engine.generate([1], 0.7, { resolution: r })).rejects.toThrow(
        /resolution must be a power of two from 4 to 64/,
      );
    }
  });
});
