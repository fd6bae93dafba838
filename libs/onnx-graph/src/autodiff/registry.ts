import { GraphBuildError } from '../errors';
import type { GraphNode } from '../graph';
import type { Tensor } from '../tensor';

export interface GradContext {
  readonly node: GraphNode;
  /** The node's inputs (undefined where an optional input was omitted). */
  readonly inputs: readonly (Tensor | undefined)[];
  readonly outputs: readonly Tensor[];
  /** dLoss/dOutput per output; undefined where no gradient reaches that output (treat as zero). */
  readonly gradOutputs: readonly (Tensor | undefined)[];
  /** Which inputs need a gradient; a rule may skip the others (and must not fail for them). */
  readonly needsGrad: readonly boolean[];
}

/** A vector–Jacobian rule: returns dLoss/dInput per input (undefined = zero / not needed). */
export type GradientRule = (ctx: GradContext) => (Tensor | undefined)[];

const rules = new Map<string, GradientRule>();

export function registerGradient(opType: string, rule: GradientRule): void {
  rules.set(opType, rule);
}

export function gradientRule(node: GraphNode): GradientRule {
  const rule = rules.get(node.opType);
  if (!rule) {
    throw new GraphBuildError(
      `gradients: op ${node.opType} (node ${node.name}) has no gradient rule; ` +
        `wrap its output in stopGradient() if no gradient should flow through it`,
    );
  }
  return rule;
}

/** Op types with a gradient rule (for docs and tests). */
export const opsWithGradients = (): string[] => [...rules.keys()].sort();

/** A rule's failure for one input it cannot differentiate (e.g. a weight of a grouped conv). */
export function unsupported(ctx: GradContext, what: string): never {
  throw new GraphBuildError(
    `gradients: ${ctx.node.opType} (node ${ctx.node.name}): no gradient rule for ${what}`,
  );
}
