import { randomBytes } from 'node:crypto';

/** Ids are 20 characters of [0-9a-z]: 9 of reversed time, 3 of a reversed in-process sequence, 8 random. */
export const ID_PATTERN = /^[0-9a-z]{20}$/;

const TIME_SPAN = 36 ** 9 - 1;
const SEQ_SPAN = 36 ** 3;
let seq = 0;

function random36(n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (const b of bytes) s += (b % 36).toString(36);
  return s;
}

/**
 * A new id that sorts newest first (byte order = reverse creation order), so listing a key prefix in key
 * order pages through records from the newest. Ids made in the same millisecond by one process still sort
 * newest first; across processes the random tail keeps them unique.
 */
export function newId(now = Date.now()): string {
  const time = (TIME_SPAN - now).toString(36).padStart(9, '0');
  seq = (seq + 1) % SEQ_SPAN;
  const order = (SEQ_SPAN - 1 - seq).toString(36).padStart(3, '0');
  return time + order + random36(8);
}

/** A model set id (a manifest's `id`; also the default set named in the configuration). */
export const MODEL_SET_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/;

export const isId = (s: unknown): s is string => typeof s === 'string' && ID_PATTERN.test(s);
