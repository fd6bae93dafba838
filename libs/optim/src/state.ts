/** The kinds of optimizer this library implements. */
export type OptimizerKind = 'adam' | 'ranger';

export const OPTIMIZER_STATE_VERSION = 1;

/**
 * Everything an optimizer needs to continue exactly where it stopped: its hyper-parameters, the step count of
 * every parameter and its float32 buffers (moments, Lookahead's slow weights), named `<buffer>.<index>`.
 * Plain data: store the numbers as JSON and the buffers as named float32 tensors.
 */
export interface OptimizerState {
  kind: OptimizerKind;
  version: typeof OPTIMIZER_STATE_VERSION;
  options: Record<string, number>;
  /** Per parameter: updates applied so far (0 = never stepped: its buffers are absent). */
  steps: number[];
  buffers: Record<string, Float32Array>;
}

export class OptimizerStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptimizerStateError';
  }
}

/**
 * Checks a state against the parameter sizes it will drive: kind, version, one step count per parameter,
 * each stepped parameter's buffers present with the parameter's size. Errors name the first bad field.
 */
export function checkState(
  state: OptimizerState,
  kind: OptimizerKind,
  sizes: readonly number[],
  buffers: readonly string[],
): void {
  const bad = (m: string): never => {
    throw new OptimizerStateError(`${kind} state: ${m}`);
  };
  if (state.kind !== kind) bad(`is a ${String(state.kind)} state`);
  if (state.version !== OPTIMIZER_STATE_VERSION)
    bad(`version ${String(state.version)} (this software reads ${OPTIMIZER_STATE_VERSION})`);
  if (!Array.isArray(state.steps) || state.steps.length !== sizes.length) {
    bad(
      `has ${Array.isArray(state.steps) ? state.steps.length : 'no'} step counts for ${sizes.length} parameters`,
    );
  }
  state.steps.forEach((t, i) => {
    if (!Number.isSafeInteger(t) || t < 0) bad(`step count ${i} is ${t}`);
    if (t === 0) return;
    for (const b of buffers) {
      const data = state.buffers[`${b}.${i}`];
      if (!(data instanceof Float32Array)) bad(`buffer ${b}.${i} is missing`);
      else if (data.length !== sizes[i])
        bad(`buffer ${b}.${i} has ${data.length} values, the parameter ${sizes[i]}`);
    }
  });
  for (const [k, v] of Object.entries(state.options)) if (!Number.isFinite(v)) bad(`option ${k} is ${v}`);
}

export const copyBuffers = (b: Record<string, Float32Array>): Record<string, Float32Array> =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.slice()]));
