/** A user-facing CLI error: printed as "error: message" with exit code 1, no stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b < a || b - a > 1000) throw new CliError(`bad seed range "${part}"`);
      for (let s = a; s <= b; s++) seeds.push(s);
    } else if (/^\s*\d+\s*$/.test(part)) seeds.push(Number(part));
    else throw new CliError(`bad seed "${part}": use integers like 1,2,3 or a range 1-8`);
  }
  if (seeds.some((s) => s > 0xffffffff)) throw new CliError('seeds must be below 2^32');
  return seeds;
}

export function parseNumber(name: string, text: string, lo = -Infinity, hi = Infinity): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new CliError(`${name} must be a number${Number.isFinite(lo) ? ` in [${lo}, ${hi}]` : ''}, got "${text}"`);
  }
  return v;
}
