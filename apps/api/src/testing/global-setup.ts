import { warmTinyCache } from '@styleclip/studio/testing';

/** Vitest global setup: the tiny model set exists before any test file starts (built once, then cached). */
export default async function setup(): Promise<void> {
  await warmTinyCache((line) => console.log(line));
}
