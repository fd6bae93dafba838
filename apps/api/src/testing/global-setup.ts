import { ensureTinySet } from './tiny-set';

/** Vitest global setup: the tiny model set exists before any test file starts (built once, then cached). */
export default async function setup(): Promise<void> {
  await ensureTinySet((line) => console.log(line));
}
