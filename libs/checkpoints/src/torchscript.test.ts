import { fixturePath } from '@styleclip/testing';
import { describe, expect, it } from 'vitest';
import { stateDict } from './collect';
import { isLazyTensor, type LazyTensor } from './lazy';
import { loadTensors, openCheckpoint } from './open';
import { PickleObject } from './pickle/values';
import { toFloat32 } from './tensor';

describe('TorchScript archive (clip_jit.pt)', () => {
  it('flattens the module tree to state_dict keys', async () => {
    const ckpt = await openCheckpoint(fixturePath('clip_jit.pt'));
    try {
      expect(ckpt.format).toBe('torchscript');
      const root = ckpt.root as PickleObject;
      expect(root).toBeInstanceOf(PickleObject);
      expect(root.module.startsWith('__torch__')).toBe(true);
      const sd = stateDict(root);
      for (const key of [
        'visual.conv1.weight',
        'token_embedding.weight',
        'transformer.resblocks.0.attn.in_proj_weight',
      ]) {
        expect(sd.has(key), key).toBe(true);
      }
      expect(sd.get('visual.conv1.weight')!.shape).toEqual([64, 3, 16, 16]);
      expect(sd.get('token_embedding.weight')!.shape).toEqual([49408, 32]);
      expect(sd.get('visual.transformer.resblocks.1.mlp.c_fc.weight')!.shape).toEqual([256, 64]);
      expect([...sd.values()].every((t) => t.dtype === 'float32')).toBe(true);
      // constants.pkl: its storages live under constants/, e.g. the [77, 77] causal mask.
      const constants = ckpt.constants as unknown[];
      const mask = constants.find((c) => isLazyTensor(c) && c.shape.length === 2) as LazyTensor;
      expect(mask.shape).toEqual([77, 77]);
      const m = toFloat32(await mask.load());
      expect(m[0]).toBe(0);
      expect(m[1]).toBe(-Infinity);
    } finally {
      await ckpt.close();
    }
  });

  it('holds exactly the weights of clip_state.pt (fp16 there, the same values as fp32 here)', async () => {
    const jit = await loadTensors(fixturePath('clip_jit.pt'));
    const state = await loadTensors(fixturePath('clip_state.pt'));
    expect([...jit.keys()].sort()).toEqual([...state.keys()].sort());
    let half = 0;
    for (const [key, s] of state) {
      const j = jit.get(key)!;
      expect(j.shape, key).toEqual(s.shape);
      if (s.dtype === 'float16') half++;
      const a = toFloat32(j);
      const b = toFloat32(s);
      expect(a.length, key).toBe(b.length);
      expect(
        a.findIndex((v, i) => !Object.is(v, b[i])),
        key,
      ).toBe(-1); // bit-exact
    }
    expect(half).toBeGreaterThan(20);
  });
});
