import { describe, expect, it } from 'vitest';
import { TransferProgressBar } from './transfer-progress';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return {
    writes,
    s: { isTTY, write: (x: string) => (writes.push(x), true) } as unknown as NodeJS.WriteStream,
  };
}

describe('TransferProgressBar', () => {
  it('off a terminal: a line per 10% of the bytes, not per update', () => {
    const { writes, s } = stream(false);
    let t = 0;
    const bar = new TransferProgressBar('pulling x', s, () => t);
    for (let done = 0; done <= 1e9; done += 1e6) {
      t += 1;
      bar.update({ done, total: 1e9, file: 'synthesis.onnx', step: 'transferring' });
    }
    bar.done('model set x: 3 files');
    expect(writes.length).toBe(12); // 0%, 10%, …, 100%, and the summary
    expect(writes[5]).toBe('pulling x: 500.0/1000.0 MB (50%) after 0.5s\n');
    expect(writes.at(-1)).toMatch(/^pulling x: model set x: 3 files in 1\.0s\n$/);
  });

  it('off a terminal, a slow transfer still says something every 30 s', () => {
    const { writes, s } = stream(false);
    let t = 0;
    const bar = new TransferProgressBar('pushing x', s, () => t);
    for (let i = 0; i < 10; i++) {
      t += 10_000;
      bar.update({ done: i, total: 1e9, file: 'a', step: 'transferring' });
    }
    expect(writes.length).toBe(4); // at 10 s (first), 40 s, 70 s, 100 s
  });

  it('on a terminal: one redrawn line, at most every 100 ms, with rate and ETA', () => {
    const { writes, s } = stream(true);
    let t = 0;
    const bar = new TransferProgressBar('pulling x', s, () => t);
    for (let done = 0; done < 1e8; done += 1e6) {
      t += 10;
      bar.update({ done, total: 1e8, file: 'clip-image.onnx', step: 'transferring' });
    }
    expect(writes.length).toBe(10);
    expect(writes.every((w) => w.startsWith('\r') && !w.includes('\n'))).toBe(true);
    expect(writes.at(-1)).toMatch(/\[#+\.*\] [\d.]+\/100\.0 MB [\d.]+ MB\/s ETA [\d.]+s {2}clip-image\.onnx/);
  });
});
