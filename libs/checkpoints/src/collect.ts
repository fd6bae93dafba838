import { isLazyTensor, type LazyTensor } from './lazy';
import { PickleObject } from './pickle/values';

const MAX_DEPTH = 1000;

function join(prefix: string, key: unknown): string {
  const k = typeof key === 'string' ? key : String(key);
  return prefix ? `${prefix}.${k}` : k;
}

function walk(value: unknown, prefix: string, out: Map<string, LazyTensor>, ancestors: Set<object>): void {
  if (isLazyTensor(value)) {
    out.set(prefix, value);
    return;
  }
  if (typeof value !== 'object' || value === null || ancestors.has(value)) return;
  if (ancestors.size >= MAX_DEPTH)
    throw new Error(`collectTensors: nesting deeper than ${MAX_DEPTH} at "${prefix}"`);
  ancestors.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) walk(v, join(prefix, k), out, ancestors);
  } else if (value instanceof PickleObject) {
    for (const [k, v] of value.attributes) walk(v, join(prefix, k), out, ancestors);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, join(prefix, i), out, ancestors));
  }
  ancestors.delete(value);
}

/**
 * Every tensor reachable from `value`, keyed by its dotted path: dict keys, list indices and the attributes
 * of records (TorchScript modules, Namespaces) joined with "." after `prefix`. A tensor at the root gets
 * the key `prefix` ("" by default). Sets and scalars are skipped.
 */
export function collectTensors(value: unknown, prefix = ''): Map<string, LazyTensor> {
  const out = new Map<string, LazyTensor>();
  walk(value, prefix, out, new Set());
  return out;
}

/**
 * The flattened state dict of a checkpoint root (`{g_ema: OrderedDict, latent_avg}` gives `g_ema.style.1.weight`,
 * …, `latent_avg`). With `select`, only the tensors under that dotted key, with it stripped
 * (`stateDict(root, 'g_ema')` gives `style.1.weight`, …); an error lists the top-level keys if none match.
 */
export function stateDict(root: unknown, select?: string): Map<string, LazyTensor> {
  const all = collectTensors(root);
  if (!select) return all;
  const out = new Map<string, LazyTensor>();
  const lead = `${select}.`;
  for (const [key, tensor] of all) {
    if (key === select) out.set('', tensor);
    else if (key.startsWith(lead)) out.set(key.slice(lead.length), tensor);
  }
  if (out.size === 0) {
    const tops = [...new Set([...all.keys()].map((k) => k.split('.')[0]))].slice(0, 20);
    throw new Error(
      `stateDict: no tensors under "${select}"; top-level keys: ${tops.join(', ') || '(none)'}`,
    );
  }
  return out;
}
