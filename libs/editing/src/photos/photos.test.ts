import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { decodeImage, faceMask } from '@styleclip/imaging';
import { array32 } from '@styleclip/latent-math';
import { maxAbsDiff, sharedDir } from '@styleclip/testing';
import { Engine } from '../engine';
import { EngineError } from '../components';
import { loadFaceModels, type FaceModels } from './face-models';
import { findFaces, upsampleFor, type Photo } from './find-faces';
import { invertPhoto } from './invert-photo';
import { adaptiveAvgPool } from './pool';
import { pasteFaces, pasteSizeFor } from './paste';

const photo = async (name: string): Promise<Photo> =>
  decodeImage(readFileSync(join(sharedDir(), 'fixtures', 'faces', `${name}.png`)));

let engine: Engine;
let models: FaceModels;
beforeAll(async () => {
  engine = await Engine.open(inject('tinySetDir'), { runner: { intraOpNumThreads: 1 } });
  models = await loadFaceModels();
});
afterAll(async () => {
  await engine.close();
});

describe('adaptiveAvgPool (pSp face_pool at any size)', () => {
  it("equals the set's face-pool graph (64 → 256 on the tiny set)", async () => {
    const { images } = await engine.generate([3, 4], 0.7);
    const graph = await engine.components.facePool(images);
    for (const i of [0, 1]) {
      const ours = adaptiveAvgPool(images, i, 256);
      expect(maxAbsDiff(ours, graph.data.subarray(i * ours.length, (i + 1) * ours.length))).toBeLessThan(
        1e-6,
      );
    }
  });

  it('averages the overlapping windows of PyTorch when the sizes do not divide (5 → 3)', () => {
    const data = new Float32Array(3 * 25).map((_, i) => i % 25);
    const out = adaptiveAvgPool(array32([1, 3, 5, 5], data), 0, 3);
    // Windows per axis: rows/cols [0, 2), [1, 4), [3, 5). Pixel (y, x) of the input holds 5y + x.
    const win = [
      [0, 1],
      [1, 2, 3],
      [3, 4],
    ];
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(out[i * 3 + j]).toBeCloseTo(5 * mean(win[i]!) + mean(win[j]!), 5);
    expect(() => adaptiveAvgPool(array32([1, 3, 5, 4]), 0, 3)).toThrow(EngineError);
  });
});

describe('findFaces', () => {
  it('keeps real faces and drops weak detections (the false ones on the fixtures)', async () => {
    const astronaut = await photo('astronaut');
    expect(upsampleFor(astronaut.width, astronaut.height)).toBe(1);
    const found = findFaces(astronaut, models, { alignSize: 256, maxFaces: 8 });
    expect(found.faces).toHaveLength(1);
    expect(found.faces[0]!.box).toEqual({ left: 175, top: 76, right: 265, bottom: 166 });
    expect(found.faces[0]!.alignment.image).toMatchObject({ width: 256, height: 256, channels: 3 });
    // dlib keeps a 0.12 detection on the space suit; a threshold below it brings it back.
    expect(findFaces(astronaut, models, { alignSize: 256, maxFaces: 8, minScore: 0 }).faces).toHaveLength(2);

    const two = findFaces(await photo('two_faces'), models, { alignSize: 256, maxFaces: 8 });
    expect(two.faces.map((f) => f.index)).toEqual([0, 1]);
    expect(two.faces[0]!.score).toBeGreaterThan(two.faces[1]!.score);
    const one = findFaces(await photo('two_faces'), models, { alignSize: 256, maxFaces: 1 });
    expect(one.faces).toHaveLength(1);
    expect(one.detected).toBe(2);
    expect(findFaces(await photo('no_face_cat'), models, { alignSize: 256, maxFaces: 8 }).faces).toEqual([]);
  });

  it('scans large photos without upsampling (under the detector pixel limit)', () => {
    expect(upsampleFor(2000, 2000)).toBe(1);
    expect(upsampleFor(4096, 4096)).toBe(0);
  });
});

describe('invertPhoto and the inverter', () => {
  it('inverts every face in one batch and reconstructs it at the generator size and the crop size', async () => {
    const inv = engine.faces;
    const runs = inv.encoderRuns;
    const r = await invertPhoto(await photo('two_faces'), inv, models, { maxFaces: 8 });
    const g = engine.manifest.generator;
    expect(r.wplus.shape).toEqual([2, g.nLatent, g.config.styleDim]);
    expect(r.images.shape).toEqual([2, 3, g.config.size, g.config.size]);
    expect(r.pooled.shape).toEqual([2, 3, 256, 256]);
    expect(inv.encoderRuns - runs).toBe(1);
    // Batched codes equal one-at-a-time codes.
    const single = await inv.encode([r.faces[1]!.alignment.image]);
    const per = single.data.length;
    expect(maxAbsDiff(single.data, r.wplus.data.subarray(per, 2 * per))).toBeLessThan(1e-5);
  });

  it('splits many faces into runs of at most four', async () => {
    const inv = engine.faces;
    const face = findFaces(await photo('astronaut'), models, { alignSize: 256, maxFaces: 1 }).faces[0]!;
    const runs = inv.encoderRuns;
    const w = await inv.encode(Array.from({ length: 5 }, () => face.alignment.image));
    expect(w.shape[0]).toBe(5);
    expect(inv.encoderRuns - runs).toBe(2);
    const per = w.data.length / 5;
    expect(maxAbsDiff(w.data.subarray(0, per), w.data.subarray(4 * per))).toBeLessThan(1e-5);
    await expect(
      inv.encode([{ data: new Uint8Array(12), width: 2, height: 2, channels: 3 }]),
    ).rejects.toThrow(/the encoder takes 256×256/);
  });

  it('says clearly when a photo has no face', async () => {
    const err = await invertPhoto(await photo('no_face_cat'), engine.faces, models, { maxFaces: 8 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('no_face');
    expect((err as EngineError).message).toMatch(/no face was found in the photo/);
  });
});

describe('pasteFaces', () => {
  it('changes nothing outside the mask; the aligned crop pasted back stays within resampling error', async () => {
    const p = await photo('astronaut');
    const face = findFaces(p, models, { alignSize: 256, maxFaces: 1 }).faces[0]!;
    const placement = { quad: face.alignment.quad, landmarks: face.landmarks };
    const out = pasteFaces(p, [{ placement, pixels: face.alignment.image }], { cropSize: 256 });
    const mask = faceMask(p.width, p.height, { alignment: face.alignment, landmarks: face.landmarks });
    let inside = 0;
    let sum = 0;
    let changedOutside = 0;
    for (let y = 0; y < p.height; y++) {
      for (let x = 0; x < p.width; x++) {
        const mx = x - mask.x0;
        const my = y - mask.y0;
        const a =
          mx >= 0 && my >= 0 && mx < mask.width && my < mask.height ? mask.alpha[my * mask.width + mx]! : 0;
        for (let c = 0; c < 3; c++) {
          const i = (y * p.width + x) * 3 + c;
          if (a === 0) changedOutside += out.rgb[i] === p.rgb[i] ? 0 : 1;
          else {
            inside++;
            sum += Math.abs(out.rgb[i]! - p.rgb[i]!);
          }
        }
      }
    }
    expect(changedOutside).toBe(0);
    expect(inside).toBeGreaterThan(10_000);
    expect(sum / inside).toBeLessThan(4);
  });

  it('resamples generated faces to their size in the photo, between the crop size and the generator size', async () => {
    const q = (side: number) =>
      [
        [0, 0],
        [0, side],
        [side, side],
        [side, 0],
      ] as [[number, number], [number, number], [number, number], [number, number]];
    expect(pasteSizeFor(q(100), 1024, 256)).toBe(256);
    expect(pasteSizeFor(q(600.2), 1024, 256)).toBe(601);
    expect(pasteSizeFor(q(3000), 1024, 256)).toBe(1024);
    expect(pasteSizeFor(q(3000), 64, 256)).toBe(256);

    const p = await photo('two_faces');
    const found = findFaces(p, models, { alignSize: 256, maxFaces: 8 });
    const { images } = await engine.generate([1, 2], 0.7);
    const out = pasteFaces(
      p,
      found.faces.map((f, index) => ({
        placement: { quad: f.alignment.quad, landmarks: f.landmarks },
        images,
        index,
      })),
      { cropSize: 256 },
    );
    // Both faces changed, the rest of the photo did not.
    const changed = (f: (typeof found.faces)[number]) => {
      const { left, top, right, bottom } = f.box;
      let n = 0;
      for (let y = top; y <= bottom; y++)
        for (let x = left; x <= right; x++)
          if (out.rgb[(y * p.width + x) * 3] !== p.rgb[(y * p.width + x) * 3]) n++;
      return n;
    };
    for (const f of found.faces) expect(changed(f)).toBeGreaterThan(1000);
    const corner = (x: number, y: number) => out.rgb[(y * p.width + x) * 3] === p.rgb[(y * p.width + x) * 3];
    expect([corner(0, 0), corner(p.width - 1, p.height - 1), corner(550, 20)]).toEqual([true, true, true]);
  });
});

describe('loadFaceModels', () => {
  it('names the variable and the Debian package when a model is missing', async () => {
    const err = await loadFaceModels({ predictor: '/nonexistent/landmarks.dat' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('no_face_models');
    expect((err as EngineError).message).toMatch(/STYLECLIP_FACE_PREDICTOR/);
    expect((err as EngineError).message).toMatch(/libdlib-data/);
    const det = await loadFaceModels({ detector: '/nonexistent/detector.h' }).catch((e: unknown) => e);
    expect((det as EngineError).message).toMatch(/STYLECLIP_FACE_DETECTOR.*libdlib-dev/);
  });
});
