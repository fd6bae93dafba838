import { describe, expect, it } from 'vitest';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { hasNaN, relativeL2 } from '@styleclip/testing';
import { fixtureArray, fixtureWeights } from '../test-fixtures';
import { buildMapperGraph, inferLevelsMapperConfig } from './levels-mapper';

describe('StyleCLIP LevelsMapper parity (mapper.pt, no fine mapper)', () => {
  it('reads the groups from the keys and reproduces M(w)', async () => {
    const weights = await fixtureWeights('mapper.pt', 'state_dict.mapper');
    const config = inferLevelsMapperConfig(weights);
    expect(config).toMatchObject({
      dim: 64,
      layersPerGroup: 4,
      groups: { coarse: true, medium: true, fine: false },
    });
    const wplus = await fixtureArray('mapper_in_wplus.npy');
    const out = (
      await evaluate(buildMapperGraph(weights, config), { wplus: { data: wplus.data, dims: wplus.shape } })
    )['delta']!;
    const expected = await fixtureArray('mapper_out_delta.npy');
    expect(hasNaN(out)).toBe(false);
    expect(relativeL2(out, expected.data)).toBeLessThan(1e-4);
    // The disabled fine group (layers 8–17) outputs exactly zero.
    for (let b = 0; b < 3; b++)
      expect(out.subarray(b * 18 * 64 + 8 * 64, (b + 1) * 18 * 64).every((v) => v === 0)).toBe(true);
  });

  it('refuses weights that are not a mapper', () => {
    expect(() => inferLevelsMapperConfig(new Map())).toThrow(/not a StyleCLIP LevelsMapper/);
  });
});
