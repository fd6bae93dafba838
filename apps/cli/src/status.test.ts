import { describe, expect, it } from 'vitest';
import { formatStatus } from './status';

describe('status', () => {
  it('marks each capability as ready or not yet', () => {
    const text = formatStatus([
      { name: 'a', ready: true, note: 'x' },
      { name: 'bb', ready: false, note: 'y' },
    ]);
    expect(text).toBe('  [ready]   a   x\n  [not yet] bb  y');
  });
});
