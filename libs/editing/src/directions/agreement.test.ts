import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { array32, type Array32 } from '@styleclip/latent-math';
import { Engine } from '../engine';
import { compareFs3Tables } from './agreement';
import { loadDirectionsData } from './data';

let engine: Engine;
let table: Array32;
beforeAll(async () => {
  engine = await Engine.open(inject('tinySetDir'), { runner: { intraOpNumThreads: 2 } });
  const d = await loadDirectionsData(engine.components.set);
  table = array32([d.rows, d.embedDim], d.fs3.slice());
});
afterAll(async () => {
  await engine.close();
});

const prompts = [
  { neutral: 'face', target: 'smiling face' },
  { neutral: 'face', target: 'face with blue eyes' },
];

describe('compareFs3Tables', () => {
  it('a table agrees with itself completely', async () => {
    const a = await compareFs3Tables(engine, table, { prompts });
    expect(a.layers.length).toBe(9);
    for (const l of a.layers) {
      expect(l.meanRowCosine).toBeCloseTo(1, 5);
      expect(l.correlation).toBeCloseTo(1, 6);
    }
    expect(a.identicalKept).toEqual({ identical: 6, of: 6 });
    for (const p of a.prompts) expect(p.relevanceCorrelation).toBeCloseTo(1, 6);
  });

  it('finds the layer that differs, and the kept channels that change', async () => {
    // The rows of the first layer replaced by those of the next one (same width), renormalized as they are.
    const other = array32(table.shape, table.data.slice());
    const width = table.shape[1]!;
    const first = a0Channels();
    other.data.copyWithin(0, first * width, 2 * first * width);
    const a = await compareFs3Tables(engine, other, { prompts, betas: [0.1] });
    expect(a.layers[0]!.meanRowCosine).toBeLessThan(0.9);
    expect(a.layers[0]!.correlation).toBeLessThan(0.9);
    for (const l of a.layers.slice(1)) expect(l.meanRowCosine).toBeCloseTo(1, 5);
    const kept = a.prompts.map((p) => p.kept[0]!);
    expect(kept.some((k) => !k.identical)).toBe(true);
    expect(a.identicalKept.of).toBe(2);
  });

  it('refuses a table of another shape', async () => {
    await expect(compareFs3Tables(engine, array32([3, table.shape[1]!]))).rejects.toThrow(
      /the other table is \[3,/,
    );
  });
});

function a0Channels(): number {
  return engine.manifest.generator.sLayout[0]!.channels;
}
