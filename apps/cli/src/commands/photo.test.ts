import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpy, toFloat32 } from '@styleclip/checkpoints';
import { ensurePresetSet, Engine, presetCacheDir } from '@styleclip/editing';
import { decodeImage } from '@styleclip/imaging';
import { maxAbsDiff, sharedDir } from '@styleclip/testing';
import { runCliCaptured as cli } from '../run-captured';

// `invert` and `edit … --photo`: the product's photo pipeline from the command line, on the tiny set (random
// e4e) with dlib's real models.

const photo = (name: string) => join(sharedDir(), 'fixtures', 'faces', `${name}.png`);

let tmp: string;
let models: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-photo-'));
  models = presetCacheDir('tiny');
  await ensurePresetSet('tiny', models);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const png = async (file: string) => decodeImage(await readFile(file));

describe('styleclip invert', () => {
  it('writes per face the aligned crop, W+ and reconstruction, and faces.json with boxes, landmarks, quads', async () => {
    const out = join(tmp, 'invert-two');
    const r = await cli('invert', '--models', models, '--photo', photo('two_faces'), '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'face0_aligned.png',
      'face0_reconstruction.png',
      'face0_wplus.npy',
      'face1_aligned.png',
      'face1_reconstruction.png',
      'face1_wplus.npy',
      'faces.json',
    ]);
    const json = JSON.parse(await readFile(join(out, 'faces.json'), 'utf8'));
    expect([json.width, json.height, json.alignSize, json.detected]).toEqual([1100, 560, 256, 2]);
    expect(json.faces).toHaveLength(2);
    for (const f of json.faces) {
      expect(Object.keys(f)).toEqual([
        'index',
        'box',
        'score',
        'landmarks',
        'quad',
        'aligned',
        'wplus',
        'reconstruction',
      ]);
      expect(f.landmarks).toHaveLength(68);
      expect(f.quad).toHaveLength(4);
    }
    expect(json.faces[0].score).toBeGreaterThan(json.faces[1].score);
    const aligned = await png(join(out, 'face1_aligned.png'));
    expect([aligned.width, aligned.height]).toEqual([256, 256]);
    expect((await png(join(out, 'face1_reconstruction.png'))).width).toBe(256);
    // The W+ is the encoder's output for the aligned crop written beside it.
    const wplus = await readNpy(join(out, 'face1_wplus.npy'));
    expect(wplus.shape).toEqual([1, 10, 64]);
    const engine = await Engine.open(models);
    try {
      const mine = await engine.faces.encode([{ data: aligned.rgb, width: 256, height: 256, channels: 3 }]);
      expect(maxAbsDiff(mine.data, toFloat32(wplus))).toBeLessThan(1e-5);
    } finally {
      await engine.close();
    }
  });

  it('says clearly when there is no face, or no landmark model', async () => {
    const cat = await cli(
      'invert',
      '--models',
      models,
      '--photo',
      photo('no_face_cat'),
      '--out',
      join(tmp, 'cat'),
    );
    expect(cat.code).toBe(1);
    expect(cat.err).toMatch(/^error: .*no_face_cat\.png: no face was found in the photo/);
    const noModel = await cli(
      'invert',
      '--models',
      models,
      '--photo',
      photo('astronaut'),
      '--out',
      join(tmp, 'x'),
      '--predictor',
      join(tmp, 'missing.dat'),
    );
    expect(noModel.code).toBe(1);
    expect(noModel.err).toMatch(/STYLECLIP_FACE_PREDICTOR/);
    expect(noModel.err).toMatch(/libdlib-data/);
    const bad = await cli(
      'invert',
      '--models',
      models,
      '--photo',
      photo('astronaut'),
      '--out',
      tmp,
      '--max-faces',
      '0',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--max-faces must be at least 1/);
  });
});

describe('styleclip edit … --photo', () => {
  it('edits every face of a group photo and pastes them back, one photo per α', async () => {
    const out = join(tmp, 'edit-two');
    const r = await cli(
      'edit',
      'global',
      '--models',
      models,
      '--photo',
      photo('two_faces'),
      '--face',
      'all',
      '--paste-back',
      '--neutral',
      'face',
      '--target',
      'smiling face',
      '--alpha',
      '2,4',
      '--beta',
      '0.1',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'face0',
      'face1',
      'pasted_alpha_+2.00.png',
      'pasted_alpha_+4.00.png',
    ]);
    expect((await readdir(join(out, 'face1'))).sort()).toEqual([
      'alpha_+2.00.png',
      'alpha_+4.00.png',
      'edited_s.npy',
      'strip.png',
    ]);
    const original = await png(photo('two_faces'));
    const pasted = await png(join(out, 'pasted_alpha_+4.00.png'));
    expect([pasted.width, pasted.height]).toEqual([1100, 560]);
    // Far from both faces the photo is untouched; the faces changed.
    const at = (img: { rgb: Uint8Array; width: number }, x: number, y: number) =>
      Array.from(img.rgb.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
    for (const [x, y] of [
      [0, 0],
      [550, 20],
      [1099, 559],
    ])
      expect(at(pasted, x!, y!)).toEqual(at(original, x!, y!));
    let changed = 0;
    for (let i = 0; i < original.rgb.length; i++) if (original.rgb[i] !== pasted.rgb[i]) changed++;
    expect(changed).toBeGreaterThan(20_000);
  });

  it('edits one face with a mapper and pastes it back; photo flags need --photo', async () => {
    const out = join(tmp, 'mapper-one');
    const r = await cli(
      'edit',
      'mapper',
      '--models',
      models,
      '--photo',
      photo('astronaut'),
      '--face',
      '0',
      '--paste-back',
      '--mapper',
      'demo',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['face0', 'pasted.png']);
    expect((await readdir(join(out, 'face0'))).sort()).toEqual([
      'before_after.png',
      'edited.png',
      'edited_wplus.npy',
    ]);
    expect((await png(join(out, 'pasted.png'))).width).toBe(512);

    const noPhoto = await cli(
      'edit',
      'mapper',
      '--models',
      models,
      '--seed',
      '1',
      '--paste-back',
      '--mapper',
      'demo',
      '--out',
      out,
    );
    expect(noPhoto.code).toBe(1);
    expect(noPhoto.err).toMatch(/--face and --paste-back apply to the faces of a photo: add --photo FILE/);
    const both = await cli(
      'edit',
      'mapper',
      '--models',
      models,
      '--seed',
      '1',
      '--photo',
      photo('astronaut'),
      '--mapper',
      'demo',
      '--out',
      out,
    );
    expect(both.err).toMatch(/give exactly one of --seed N, --latent W.npy or --photo FILE/);
    const face = await cli(
      'edit',
      'mapper',
      '--models',
      models,
      '--photo',
      photo('astronaut'),
      '--face',
      '3',
      '--mapper',
      'demo',
      '--out',
      out,
    );
    expect(face.code).toBe(1);
    expect(face.err).toMatch(/--face must be "all" or a face index from 0 to 0 \(1 face found\), got "3"/);
  });
});
