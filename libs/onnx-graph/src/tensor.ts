import type { DType } from './dtype';
import type { Graph } from './graph';
import type { Shape } from './shape';

/**
 * A typed handle to a value in a graph: a graph input, an initializer or a node output. Its dtype and shape
 * are known at build time (dimensions may be symbolic).
 */
export class Tensor {
  constructor(
    readonly graph: Graph,
    readonly name: string,
    readonly dtype: DType,
    readonly shape: Shape,
    readonly kind: 'input' | 'initializer' | 'node',
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `${this.name}:${this.dtype}[${this.shape.join(',')}]`;
  }
}
