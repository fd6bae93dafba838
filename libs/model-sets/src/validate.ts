/** Tiny structural validators that report the path of the first problem ("generator.config.size: …"). */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

export type Check<T> = (value: unknown, path: string) => T;

const fail = (path: string, what: string, value: unknown): never => {
  const shown = JSON.stringify(value);
  throw new ManifestError(`${path}: expected ${what}, got ${shown === undefined ? 'nothing' : shown.slice(0, 80)}`);
};

export const str: Check<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string', v));
export const num: Check<number> = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a number', v));
export const int: Check<number> = (v, p) => (Number.isInteger(v) ? (v as number) : fail(p, 'an integer', v));
export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'a boolean', v));
export const literal =
  <T extends string | number>(...options: T[]): Check<T> =>
  (v, p) =>
    options.includes(v as T) ? (v as T) : fail(p, options.map((o) => JSON.stringify(o)).join(' or '), v);
export const sha256: Check<string> = (v, p) =>
  typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v : fail(p, 'a sha256 hex digest', v);
/** A relative path inside the model set (no absolute paths, no `..`). */
export const relPath: Check<string> = (v, p) =>
  typeof v === 'string' && v.length > 0 && !v.startsWith('/') && !v.split(/[\\/]/).includes('..')
    ? v
    : fail(p, 'a relative path inside the model set', v);

export const array =
  <T>(item: Check<T>): Check<T[]> =>
  (v, p) =>
    Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : fail(p, 'an array', v);

export const record =
  <T>(item: Check<T>): Check<Record<string, T>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object', v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, item(x, `${p}.${k}`)]));
  };

export const object =
  <T extends Record<string, unknown>>(shape: { [K in keyof T]: Check<T[K]> }): Check<T> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object', v);
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, check] of Object.entries(shape) as [string, Check<unknown>][]) {
      const value = check(o[k], `${p}.${k}`);
      if (value !== undefined) out[k] = value;
    }
    return out as T;
  };

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? undefined : check(v, p);
