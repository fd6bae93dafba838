import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Engine } from '../engine';
import { clipFeaturesOfImages, normalizeRows } from './clip-features';
import { evaluateDirections } from './evaluate';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(inject('tinySetDir'), { runner: { intraOpNumThreads: 2 } });
});
afterAll(async () => {
  await engine.close();
});

// β 0.15 and ψ 0.7 are the product's defaults (the web editor's); tests state what they use.
const AT = { beta: 0.15, truncation: 0.7 } as const;

const increasing = (a: number[]) => a.every((v, i) => i === 0 || v > a[i - 1]!);

describe('evaluateDirections on the tiny set', () => {
  it('scores one pair like a direct computation', async () => {
    const text = { neutral: 'face', target: 'smiling face' };
    const ev = await evaluateDirections(engine, {
      ...AT,
      seeds: [3],
      prompts: [text],
      alphas: [2],
      beta: 0.12,
    });
    const { wplus, images } = await engine.generate([3], 0.7);
    const r = await engine.edit.global({ latent: { wplus }, text, alphas: [2], beta: 0.12 });
    const dt = (await engine.text.direction(text.neutral, text.target)).direction;
    const both = {
      shape: [2, ...images.shape.slice(1)],
      data: new Float32Array([...images.data, ...r.images.data]),
    };
    const e = normalizeRows(await clipFeaturesOfImages(engine.components, both));
    const d = e.shape[1]!;
    const diff = Array.from(e.data.subarray(d), (v, i) => v - e.data[i]!);
    const along = diff.reduce((s, v, i) => s + v * dt[i]!, 0);
    expect(ev.pairs).toBe(1);
    expect(ev.alongDt[0]).toBeCloseTo(along, 6);
    expect(ev.cosine[0]).toBeCloseTo(along / Math.hypot(...diff), 6);
    const rms = Math.sqrt(
      r.images.data.reduce((s, v, i) => s + (v - images.data[i]!) ** 2, 0) / images.data.length,
    );
    expect(ev.pixelRms[0]).toBeCloseTo(rms, 6);
    expect(ev.prompts[0]).toMatchObject({ ...text, beta: 0.12, kept: r.kept });
  });

  it('finds edits that follow the text, further and larger with α', async () => {
    // 8 seeds × 6 prompts at the web editor's defaults (β 0.15). What holds on random weights: the edit moves
    // the image embedding toward Δt (positive cosine) and moves it further, and the image more, as α grows.
    // The cosine itself is about flat in α (see libs/editing/README.md, "What the tiny set can show").
    const ev = await evaluateDirections(engine, { ...AT, alphas: [0.5, 1, 2, 4] });
    expect(ev.pairs).toBe(48);
    expect(ev.skipped).toEqual([]);
    for (const [k, c] of ev.cosine.entries())
      expect(c, `mean cosine at α ${ev.alphas[k]}`).toBeGreaterThan(0.05);
    expect(increasing(ev.alongDt), `movement along Δt ${ev.alongDt.join(', ')}`).toBe(true);
    expect(increasing(ev.pixelRms), `pixel RMS ${ev.pixelRms.join(', ')}`).toBe(true);
  }, 120_000);

  it('skips prompts no channel passes β for, and says so', async () => {
    const ev = await evaluateDirections(engine, { ...AT, seeds: [1, 2], alphas: [1], beta: 0.3 });
    expect(ev.pairs + 2 * ev.skipped.length).toBe(2 * 6);
    expect(ev.skipped.length).toBeGreaterThan(0);
    for (const s of ev.skipped) expect(s.reason).toMatch(/the largest channel relevance \|r\| is 0\.\d{4}/);
    await expect(evaluateDirections(engine, { ...AT, seeds: [1], alphas: [1], beta: 0.99 })).rejects.toThrow(
      /no prompt keeps a channel at β = 0.99/,
    );
  });

  it('refuses bad options and stops when cancelled', async () => {
    await expect(evaluateDirections(engine, { ...AT, alphas: [0] })).rejects.toThrow(
      /every α must be in \(0, 100\]/,
    );
    await expect(evaluateDirections(engine, { ...AT, seeds: [] })).rejects.toThrow(/at least one seed/);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = evaluateDirections(engine, {
      ...AT,
      seeds: [1, 2, 3],
      alphas: [1],
      signal: controller.signal,
      onProgress: ({ done }) => {
        seen.push(done);
        if (done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(seen).toEqual([1, 2]);
  });
});
