import { describe, expect, it } from 'vitest';
import { partsOf } from './parts';

async function collect(chunks: Uint8Array[], partSize: number): Promise<number[][]> {
  const out: number[][] = [];
  for await (const part of partsOf(
    (async function* () {
      yield* chunks;
    })(),
    partSize,
  ))
    out.push([...part]);
  return out;
}

describe('partsOf', () => {
  it('re-chunks into exact part sizes with a shorter last part', async () => {
    const parts = await collect([Uint8Array.of(1, 2), Uint8Array.of(3, 4, 5, 6, 7), Uint8Array.of(8)], 3);
    expect(parts).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });

  it('yields no empty trailing part and nothing for an empty stream', async () => {
    expect(await collect([Uint8Array.of(1, 2, 3, 4)], 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(await collect([new Uint8Array(0)], 2)).toEqual([]);
  });
});
