/** Thrown by every check: the message names the path and what was expected. */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** A check: returns the typed value or throws ValidationError naming `path`. */
export type Check<T> = (value: unknown, path: string) => T;

export function fail(path: string, what: string, value: unknown): never {
  const shown = JSON.stringify(value);
  throw new ValidationError(
    `${path}: expected ${what}, got ${shown === undefined ? 'nothing' : shown.slice(0, 80)}`,
  );
}

export const str: Check<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string', v));
export const num: Check<number> = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a finite number', v);
export const int: Check<number> = (v, p) =>
  Number.isSafeInteger(v) ? (v as number) : fail(p, 'an integer', v);
export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'true or false', v));
export const any: Check<unknown> = (v) => v;

export const oneOf =
  <const T extends string | number>(...values: T[]): Check<T> =>
  (v, p) =>
    values.includes(v as T) ? (v as T) : fail(p, values.map((x) => JSON.stringify(x)).join(' | '), v);

export const arr =
  <T>(item: Check<T>): Check<T[]> =>
  (v, p) =>
    Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : fail(p, 'an array', v);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object used as a map: every value checked by `item`. */
export const record =
  <T>(item: Check<T>): Check<Record<string, T>> =>
  (v, p) => {
    if (!isPlainObject(v)) return fail(p, 'an object', v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, item(x, `${p}.${k}`)]));
  };

export const sha256Hex: Check<string> = (v, p) =>
  typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v : fail(p, 'a sha256 hex digest', v);

/** A relative path inside a folder: not absolute, no `..` segment. */
export const relPath: Check<string> = (v, p) =>
  typeof v === 'string' && v.length > 0 && !v.startsWith('/') && !v.split(/[\\/]/).includes('..')
    ? v
    : fail(p, 'a relative path inside the model set', v);

/** Marks a field optional in `obj`: absent or null is fine, otherwise `check` applies. */
export const opt = <T>(check: Check<T>): { optional: Check<T> } => ({ optional: check });

type Shape = Record<string, Check<unknown> | { optional: Check<unknown> }>;
export type Out<S extends Shape> = {
  [K in keyof S as S[K] extends { optional: unknown } ? never : K]: S[K] extends Check<infer T> ? T : never;
} & {
  [K in keyof S as S[K] extends { optional: unknown } ? K : never]?: S[K] extends { optional: Check<infer T> }
    ? T
    : never;
};

/**
 * An object with these fields. Unknown fields are refused (typos do not slip through) unless
 * `allowUnknown`, in which case they are dropped.
 */
export function obj<S extends Shape>(shape: S, o: { allowUnknown?: boolean } = {}): Check<Out<S>> {
  return (v, p) => {
    if (!isPlainObject(v)) return fail(p, 'an object', v);
    const out: Record<string, unknown> = {};
    for (const [k, c] of Object.entries(shape)) {
      if (typeof c === 'function') out[k] = c(v[k], `${p}.${k}`);
      else if (v[k] !== undefined && v[k] !== null) out[k] = c.optional(v[k], `${p}.${k}`);
    }
    if (!o.allowUnknown)
      for (const k of Object.keys(v)) if (!(k in shape)) fail(`${p}.${k}`, 'no such field', v[k]);
    return out as Out<S>;
  };
}
