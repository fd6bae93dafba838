import { describe, expect, it } from 'vitest';
import { lossCurve, StepProgress, type LossTerms } from './progress';
import type { JobProgress } from '../kinds';
import { mapperNameOf } from './train-mapper-kind';

const history = (n: number): LossTerms[] =>
  Array.from({ length: n }, (_, i) => ({ clip: i, l2: null, id: 2 * i, total: 3 * i, lr: 0.1 }));

describe('lossCurve', () => {
  it('keeps every step of a short run, and leaves out the terms the run does not compute', () => {
    const c = lossCurve(history(3));
    expect(c).toEqual({
      stride: 1,
      step: [1, 2, 3],
      total: [0, 3, 6],
      clip: [0, 1, 2],
      id: [0, 2, 4],
      lr: [0.1, 0.1, 0.1],
    });
  });

  it('averages buckets of a power-of-two stride for long runs (at most maxPoints points)', () => {
    const c = lossCurve(history(1000), 200);
    expect(c.stride).toBe(8);
    expect(c.step.length).toBe(125);
    expect(c.step.slice(0, 2)).toEqual([8, 16]);
    expect(c.clip!.slice(0, 2)).toEqual([3.5, 11.5]); // means of 0…7 and 8…15
    expect(c.step.at(-1)).toBe(1000);
    const odd = lossCurve(history(1001), 200);
    expect(odd.step.at(-1)).toBe(1001); // the last, partial bucket
    expect(odd.clip!.at(-1)).toBe(1000);
  });
});

describe('StepProgress', () => {
  it('throttles reports (not forced ones nor previews) and estimates the time left from this run only', () => {
    const reports: JobProgress[] = [];
    const p = new StepProgress((r) => reports.push(r), {
      phase: 'training',
      steps: 100,
      startStep: 40,
      minIntervalMs: 60_000,
    });
    expect(p.step(41, {})).toBe(true);
    expect(p.step(42, {})).toBe(false);
    expect(p.step(43, {}, { force: true })).toBe(true);
    expect(p.step(44, {}, { preview: { key: 'k', sha256: 's', bytes: 1 } })).toBe(true);
    expect(reports.map((r) => [r.done, r.total, r.progress])).toEqual([
      [41, 100, 0.41],
      [43, 100, 0.43],
      [44, 100, 0.44],
    ]);
    // Measured on the 4 steps this run did, not on the 40 it resumed from.
    expect(reports.at(-1)!.etaSeconds).toBeGreaterThan(0);
    expect(reports.at(-1)!.preview?.key).toBe('k');
  });
});

describe('mapperNameOf', () => {
  it('is the name given, else the text’s words and the end of the job id', () => {
    expect(mapperNameOf({ name: 'mohawk', text: 'x' }, 'abcdefghij0123456789')).toBe('mohawk');
    expect(mapperNameOf({ text: 'Face with BLUE eyes!' }, 'abcdefghij0123456789')).toBe(
      'face-with-blue-eyes-456789',
    );
    expect(mapperNameOf({ text: '微笑' }, 'abcdefghij0123456789')).toBe('mapper-456789');
    expect(mapperNameOf({ text: 'a'.repeat(100) }, 'abcdefghij0123456789')).toMatch(/^a{40}-456789$/);
  });
});
