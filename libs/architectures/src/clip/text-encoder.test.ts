import { describe, expect, it } from 'vitest';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import type { ClipConfig } from './config';
import { randomClipWeights } from './init';
import { microClipConfig } from './test-helpers';
import { buildClipTextGraph } from './text-encoder';

// Two text layers, so the causal mask is exercised across blocks.
const micro: ClipConfig = { ...microClipConfig, transformerLayers: 2 };
const EOT = 15n;

describe('clipTextEncoder', () => {
  it('pools at the first maximum id, and the causal mask hides what follows it', async () => {
    const g = buildClipTextGraph(randomClipWeights(micro, 5), micro);
    const rows = [
      [1n, 4n, 7n, EOT, 0n, 0n, 0n, 0n],
      [1n, 4n, 7n, EOT, 3n, 9n, EOT, 2n], // same up to the first EOT
      [1n, 4n, 7n, 8n, 3n, 9n, EOT, 2n], // EOT later: a different feature
    ];
    const ids = BigInt64Array.from(rows.flat());
    const out = (await evaluate(g, { ids: { data: ids, dims: [3, 8] } }))['embedding']!;
    expect(relativeL2(out.subarray(4, 8), out.subarray(0, 4))).toBeLessThan(1e-6);
    expect(relativeL2(out.subarray(8, 12), out.subarray(0, 4))).toBeGreaterThan(1e-2);
  });
});
