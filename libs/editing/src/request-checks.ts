import { EngineError } from './components';

/** A request value checked against its limits: a finite number (an integer when asked) in [lo, hi]. */
export function bounded(name: string, v: number, lo: number, hi: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
    throw new EngineError(
      `${name} must be ${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}], got ${v}`,
      'bad_parameter',
    );
  }
  return v;
}
