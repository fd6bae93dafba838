import { describe, expect, it } from 'vitest';
import { collectTensors, stateDict } from './collect';
import { eagerLazyTensor } from './lazy';
import { PickleObject } from './pickle/values';
import { makeTensor } from './tensor';

const t = (n: number) => eagerLazyTensor(makeTensor('float32', [n]), `t${n}`);

describe('collectTensors / stateDict', () => {
  it('joins dict keys, list indices and record attributes with dots', () => {
    const layer = new PickleObject('__torch__.nn', 'Linear');
    layer.state = new Map<string, unknown>([
      ['weight', t(1)],
      ['training', true],
    ]);
    const root = new Map<unknown, unknown>([
      ['g_ema', new Map([['style', [null, layer]]])],
      ['latent_avg', t(2)],
      [3, t(3)],
      ['opts', new Map([['lr', 0.1]])],
    ]);
    expect([...collectTensors(root).keys()]).toEqual(['g_ema.style.1.weight', 'latent_avg', '3']);
    expect([...collectTensors(root, 'model').keys()][0]).toBe('model.g_ema.style.1.weight');
    expect([...stateDict(root, 'g_ema').keys()]).toEqual(['style.1.weight']);
    expect(() => stateDict(root, 'decoder')).toThrow(
      /no tensors under "decoder"; top-level keys: g_ema, latent_avg, 3/,
    );
  });

  it('survives reference cycles and keeps shared tensors under every path', () => {
    const shared = t(4);
    const list: unknown[] = [shared];
    list.push(list);
    const root = new Map<string, unknown>([
      ['a', list],
      ['b', shared],
    ]);
    expect([...collectTensors(root).keys()]).toEqual(['a.0', 'b']);
  });
});
