import { readFileSync } from 'node:fs';

/** The API's version (from its package.json), reported by `health` and the logs. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
