import { Adam, type AdamOptions } from './adam';
import type { Optimizer } from './optimizer';
import { Ranger, type RangerOptions } from './ranger';
import { OptimizerStateError, type OptimizerKind, type OptimizerState } from './state';

export interface OptimizerSpecs {
  adam: AdamOptions;
  ranger: RangerOptions;
}

interface Entry<K extends OptimizerKind> {
  create(shapes: readonly (readonly number[])[], o: OptimizerSpecs[K], state?: OptimizerState): Optimizer;
  /** The constructor options recorded in a state. */
  options(state: OptimizerState): OptimizerSpecs[K];
}

const sizesOf = (shapes: readonly (readonly number[])[]) => shapes.map((s) => s.reduce((p, d) => p * d, 1));
const num = (s: OptimizerState, k: string): number => {
  const v = s.options[k];
  if (typeof v !== 'number') throw new OptimizerStateError(`${s.kind} state: option ${k} is missing`);
  return v;
};

/** The optimizers by name: how to build one and how to read a saved one's options. */
export const OPTIMIZERS: { readonly [K in OptimizerKind]: Entry<K> } = {
  adam: {
    create: (shapes, o, state) => new Adam(sizesOf(shapes), o, state),
    options: (s) => ({ betas: [num(s, 'beta1'), num(s, 'beta2')], eps: num(s, 'eps') }),
  },
  ranger: {
    create: (shapes, o, state) => new Ranger(shapes, o, state),
    options: (s) => ({
      alpha: num(s, 'alpha'),
      k: num(s, 'k'),
      nSmaThreshold: num(s, 'nSmaThreshold'),
      eps: num(s, 'eps'),
      useGc: num(s, 'useGc') === 1,
      gcConvOnly: num(s, 'gcConvOnly') === 1,
      betas: [num(s, 'beta1'), num(s, 'beta2')],
    }),
  },
};

export const isOptimizerKind = (v: unknown): v is OptimizerKind => v === 'adam' || v === 'ranger';

/** A new optimizer for parameters of these shapes. */
export function createOptimizer<K extends OptimizerKind>(
  kind: K,
  shapes: readonly (readonly number[])[],
  o: OptimizerSpecs[K] = {},
): Optimizer {
  if (!isOptimizerKind(kind))
    throw new RangeError(`unknown optimizer "${String(kind)}"; choose adam or ranger`);
  return (OPTIMIZERS[kind] as Entry<K>).create(shapes, o);
}

/** An optimizer continuing from a saved state (its own hyper-parameters), checked against the shapes. */
export function restoreOptimizer(state: OptimizerState, shapes: readonly (readonly number[])[]): Optimizer {
  if (!isOptimizerKind(state.kind))
    throw new OptimizerStateError(`unknown optimizer kind "${String(state.kind)}"`);
  const entry = OPTIMIZERS[state.kind] as Entry<typeof state.kind>;
  return entry.create(shapes, entry.options(state) as never, state);
}
