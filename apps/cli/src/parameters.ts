import { defaultOf, parseField, PARAMETERS, StudioError, type Parameters } from '@styleclip/studio';
import { CliError } from './errors';

// The CLI's option defaults and checks come from the product's parameter schema (libs/studio), the same one the
// API validates requests with: a limit or default changed there changes here.

/** The parameter schema (every operation's limits and defaults). */
export const P = PARAMETERS;

type Operation = Parameters[keyof Parameters];
type Field<S extends Operation> = keyof S['shape'] & string;

/** A field's default as option text (commander's default value, shown by --help). */
export function optionDefault<S extends Operation>(schema: S, key: Field<S>): string {
  const v: unknown = defaultOf(schema, key);
  if (v === undefined) throw new Error(`parameter ${key} has no default`);
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** A value checked by its field's schema; a CliError naming the flag and the limit otherwise. */
export function checkFlag<S extends Operation, K extends Field<S>>(
  schema: S,
  key: K,
  flag: string,
  value: unknown,
) {
  try {
    return parseField(schema, key, value, flag);
  } catch (e) {
    if (e instanceof StudioError) throw new CliError(e.message);
    throw e;
  }
}

const toNumber = (flag: string, text: string): number => {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new CliError(`${flag} takes numbers, got "${text}"`);
  return v;
};

/** A number flag, checked by its field's schema. */
export const numberFlag = <S extends Operation, K extends Field<S>>(
  schema: S,
  key: K,
  flag: string,
  text: string,
) => checkFlag(schema, key, flag, toNumber(flag, text));

/** A comma-separated list of numbers, checked by its field's schema (the count and each value). */
export const numberListFlag = <S extends Operation, K extends Field<S>>(
  schema: S,
  key: K,
  flag: string,
  text: string,
) =>
  checkFlag(
    schema,
    key,
    flag,
    text.split(',').map((t) => toNumber(flag, t)),
  );

/** Seeds from "1,2,3" or "1-8" (any count: the CLI runs them in batches); each in the product's seed range. */
export function parseSeeds(text: string): number[] {
  const max = P.generateImages.shape.seeds.element.maxValue!;
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
  if (seeds.some((s) => s > max)) throw new CliError(`seeds must be at most ${max}`);
  return seeds;
}
