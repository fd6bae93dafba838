import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fixturePath, hasNaN, relativeL2 } from '@styleclip/testing';
import { fixtureArray } from '../test-fixtures';
import { readClipCheckpoint } from './checkpoint';
import { clipWeightShapes, tinyClipConfig } from './config';
import { FIXTURE_HEADS, fixtureEmbeddings } from './test-helpers';

describe.each([
  ['clip_state.pt', 'openai-state-dict'],
  ['clip_jit.pt', 'torchscript'],
])('CLIP parity with the official encode_image / encode_text (%s)', (file, source) => {
  it('reads the checkpoint and its config', async () => {
    const ckpt = await readClipCheckpoint(fixturePath(file), FIXTURE_HEADS);
    expect(ckpt.source).toBe(source);
    expect(ckpt.config).toEqual(tinyClipConfig);
    const meta = JSON.parse(await readFile(fixturePath('meta.json'), 'utf8')).clip;
    expect(ckpt.config).toMatchObject({
      embedDim: meta.embed_dim,
      imageResolution: meta.image_resolution,
      visionLayers: meta.vision_layers,
      visionWidth: meta.vision_width,
      visionPatchSize: meta.vision_patch_size,
      transformerWidth: meta.transformer_width,
      transformerHeads: meta.transformer_heads,
      transformerLayers: meta.transformer_layers,
    });
    expect([...ckpt.weights.keys()].sort()).toEqual([...clipWeightShapes(tinyClipConfig).keys()].sort());
    // clip_state.pt keeps convert_weights' float16 for conv/linear/attention/projections (3 + 8 per block).
    const halves = [...ckpt.storedDtypes.values()].filter((d) => d === 'float16').length;
    expect(halves).toBe(source === 'torchscript' ? 0 : 3 + 8 * 4);
  });

  it('image and text embeddings match (relative L2 < 1e-4)', async () => {
    const ckpt = await readClipCheckpoint(fixturePath(file), FIXTURE_HEADS);
    const { image, text } = await fixtureEmbeddings(ckpt);
    const expectedImage = (await fixtureArray('clip_image_embeddings.npy')).data;
    const expectedText = (await fixtureArray('clip_text_embeddings.npy')).data;
    const errors = { image: relativeL2(image, expectedImage), text: relativeL2(text, expectedText) };
    console.log(
      `${file}: relative L2 image ${errors.image.toExponential(2)}, text ${errors.text.toExponential(2)}`,
    );
    expect(hasNaN(image) || hasNaN(text)).toBe(false);
    expect(errors.image).toBeLessThan(1e-4);
    expect(errors.text).toBeLessThan(1e-4);
  });
});
