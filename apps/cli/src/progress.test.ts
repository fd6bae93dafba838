import { describe, expect, it } from 'vitest';
import { Progress } from './progress';

const stream = (isTTY: boolean) => {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
};

describe('Progress', () => {
  it('prints at most one line per 10% without a TTY (1000 steps: 11 lines and the end)', () => {
    const s = stream(false);
    const p = new Progress('fs3 channels', s.stream);
    for (let i = 0; i <= 1000; i++) p.update(i, 1000);
    p.done();
    expect(s.writes).toHaveLength(12);
    expect(s.writes[0]).toMatch(/^fs3 channels \[\.+\] 0\/1000/);
    expect(s.writes[10]).toMatch(/ 1000\/1000 /);
    expect(s.writes.every((w) => w.endsWith('\n'))).toBe(true);
  });

  it('redraws one line on a TTY', () => {
    const s = stream(true);
    const p = new Progress('x', s.stream);
    for (let i = 0; i < 5; i++) p.update(i, 5);
    expect(s.writes).toHaveLength(5);
    expect(s.writes.every((w) => w.startsWith('\r'))).toBe(true);
  });
});
