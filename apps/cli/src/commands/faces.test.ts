import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '@styleclip/imaging';
import { sharedDir } from '@styleclip/testing';
import { runCliCaptured as cli } from '../run-captured';

const photo = (name: string) => join(sharedDir(), 'fixtures', 'faces', `${name}.png`);
const facesJson = async () =>
  JSON.parse(await readFile(join(sharedDir(), 'fixtures', 'faces', 'faces.json'), 'utf8'));

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-faces-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('styleclip faces detect', () => {
  it('prints exactly {width, height, faces: [{box, score, landmarks}]} with dlib’s values', async () => {
    const fx = (await facesJson()).images;
    // faces.json's faces are C++ detector(img, 1) = adjust_threshold 1 without upsampling.
    const r = await cli(
      'faces',
      'detect',
      '--photo',
      photo('two_faces'),
      '--upsample',
      '0',
      '--adjust-threshold',
      '1',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual(['width', 'height', 'faces']);
    expect([out.width, out.height]).toEqual([1100, 560]);
    expect(out.faces).toHaveLength(2);
    out.faces.forEach((f: { box: object; score: number; landmarks: number[][] }, i: number) => {
      expect(Object.keys(f)).toEqual(['box', 'score', 'landmarks']);
      const want = fx.two_faces.faces[i];
      expect(f.box).toEqual({ left: want.left, top: want.top, right: want.right, bottom: want.bottom });
      expect(f.landmarks).toEqual(want.landmarks);
      expect(f.landmarks.flat().every(Number.isInteger)).toBe(true);
    });
  });

  it('defaults to one pyramid_up (e4e) and returns an empty list when there is no face', async () => {
    const fx = (await facesJson()).images;
    const r = await cli('faces', 'detect', '--photo', photo('astronaut'));
    expect(JSON.parse(r.out).faces.map((f: { score: number }) => f.score)).toEqual(
      fx.astronaut.upsample1_scores.map((s: { score: number }) => s.score),
    );
    const cat = await cli('faces', 'detect', '--photo', photo('no_face_cat'));
    expect(cat.code).toBe(0);
    expect(JSON.parse(cat.out)).toEqual({ width: 451, height: 300, faces: [] });
  });

  it('explains bad input', async () => {
    const notImage = join(tmp, 'x.png');
    await writeFile(notImage, 'hello');
    expect((await cli('faces', 'detect', '--photo', notImage)).err).toMatch(/error: unsupported image type/);
    expect((await cli('faces', 'detect', '--photo', join(tmp, 'missing.png'))).err).toMatch(
      /cannot read the photo/,
    );
    expect((await cli('faces', 'detect', '--photo', photo('astronaut'), '--upsample', '9')).err).toMatch(
      /--upsample must be a number in \[0, 4\]/,
    );
    expect(
      (await cli('faces', 'detect', '--photo', photo('astronaut'), '--predictor', notImage)).err,
    ).toMatch(/x\.png: not a dlib landmark model/);
  });
});

describe('styleclip faces align', () => {
  it('aligns from given landmarks exactly as the official align_face', async () => {
    const fx = await facesJson();
    const lm = join(tmp, 'lm.json');
    await writeFile(
      lm,
      JSON.stringify(fx.images.astronaut.faces[0].landmarks.map(([x, y]: number[]) => [x! + 0.0, y!])),
    );
    const out = join(tmp, 'aligned.png');
    const r = await cli('faces', 'align', '--photo', photo('astronaut'), '--landmarks', lm, '--out', out);
    expect(r.err).toBe('');
    const printed = JSON.parse(r.out);
    expect(printed).toMatchObject({ out, size: 256, face: null });
    expect(printed.quad).toHaveLength(4);
    const got = await decodeImage(await readFile(out));
    const want = await decodeImage(await readFile(photo('astronaut.aligned256')));
    expect(Buffer.from(got.rgb).equals(Buffer.from(want.rgb))).toBe(true);
  });

  it('detects and picks a face (dlib’s order, negative from the end)', async () => {
    const out = join(tmp, 'second.png');
    const r = await cli('faces', 'align', '--photo', photo('two_faces'), '--face', '1', '--out', out);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ size: 256, face: 1 });
    const last = await cli('faces', 'align', '--photo', photo('two_faces'), '--face', '-1', '--out', out);
    expect(JSON.parse(last.out)).toMatchObject({ face: 3 }); // e4e's get_landmark choice: a weak detection here
  });

  it('writes FFHQ’s 1024 variant (transform 4096, LANCZOS to 1024)', async () => {
    const fx = await facesJson();
    const lm = join(tmp, 'lm-two.json');
    await writeFile(lm, JSON.stringify(fx.images.two_faces.faces[0].landmarks));
    const out = join(tmp, 'ffhq.png');
    const r = await cli(
      'faces',
      'align',
      '--photo',
      photo('two_faces'),
      '--landmarks',
      lm,
      '--size',
      '1024',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    const img = await decodeImage(await readFile(out));
    expect([img.width, img.height]).toEqual([1024, 1024]);
  });

  it('explains bad input', async () => {
    const out = join(tmp, 'never.png');
    expect((await cli('faces', 'align', '--photo', photo('no_face_cat'), '--out', out)).err).toMatch(
      /no face found in .*no_face_cat\.png/,
    );
    expect(
      (await cli('faces', 'align', '--photo', photo('astronaut'), '--out', out, '--size', '512')).err,
    ).toMatch(/--size must be 256 or 1024/);
    expect(
      (await cli('faces', 'align', '--photo', photo('astronaut'), '--out', out, '--face', '7')).err,
    ).toMatch(/--face must be a number in \[-2, 1\]/);
    const bad = join(tmp, 'bad.json');
    await writeFile(bad, JSON.stringify([[1, 2]]));
    expect(
      (await cli('faces', 'align', '--photo', photo('astronaut'), '--out', out, '--landmarks', bad)).err,
    ).toMatch(/must hold 68 \[x, y\] pairs/);
    expect(
      (
        await cli(
          'faces',
          'align',
          '--photo',
          photo('astronaut'),
          '--out',
          out,
          '--landmarks',
          bad,
          '--predictor',
          bad,
        )
      ).err,
    ).toMatch(/either --landmarks or --predictor/);
  });
});
