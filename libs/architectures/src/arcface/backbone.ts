import { batchNormAffine, l2Normalize, linear } from '@styleclip/nn';
import { flatten, Graph, GraphBuildError, type Tensor } from '@styleclip/onnx-graph';
import { irseDownsampling } from '../irse/config';
import { batchNormAt, irseNetwork } from '../irse/network';
import { weight, type WeightMap } from '../weights';
import type { ArcFaceConfig } from './config';

export interface ArcFaceOutputs {
  /** L2-normalized embedding [N,E] (what `Backbone.forward` returns). */
  features: Tensor;
  /** `output_layer` output before `l2_norm`. */
  prenorm: Tensor;
  /** Body output [N,C,s,s]. */
  body: Tensor;
}

/** The running ArcFace: call it on images [N,3,inputSize,inputSize] (RGB in [-1, 1], as IDLoss feeds it). */
export type ArcFaceNetwork = ((x: Tensor) => ArcFaceOutputs) & { readonly config: ArcFaceConfig };

const what = 'ArcFace';

/**
 * `output_layer` folded into one Linear, in float64: BatchNorm2d(C) (per channel of the C,H,W flattening) into
 * the Linear's columns, BatchNorm1d(E) into its rows. Dropout is the identity in eval mode.
 */
function foldedOutputLayer(
  weights: WeightMap,
  c: ArcFaceConfig,
): { weight: Float32Array; bias: Float32Array; inputs: number } {
  const width = c.body.stages[c.body.stages.length - 1]!.depth;
  const s = c.inputSize / irseDownsampling(c.body);
  const area = s * s;
  const inputs = width * area;
  const E = c.embedding;
  const bn2 = batchNormAffine(batchNormAt(weights, 'output_layer.0', width, what));
  const bn1 = batchNormAffine(batchNormAt(weights, 'output_layer.4', E, what));
  const w = weight(weights, 'output_layer.3.weight', [E, inputs], what).data;
  const b = weight(weights, 'output_layer.3.bias', [E], what).data;
  const folded = new Float32Array(E * inputs);
  const bias = new Float32Array(E);
  for (let e = 0; e < E; e++) {
    let acc = b[e]!;
    for (let j = 0; j < inputs; j++) {
      const ch = Math.floor(j / area);
      const wij = w[e * inputs + j]!;
      folded[e * inputs + j] = bn1.scale[e]! * wij * bn2.scale[ch]!;
      acc += wij * bn2.shift[ch]!;
    }
    bias[e] = bn1.scale[e]! * acc + bn1.shift[e]!;
  }
  return { weight: folded, bias, inputs };
}

/**
 * ArcFace IR-SE as a reusable subgraph: parameters registered once in `g`, the network callable on several
 * images (an edited and a target image share the weights). Every op has a gradient rule, so a loss graph can
 * differentiate the features w.r.t. the image.
 */
export function arcfaceNetwork(g: Graph, weights: WeightMap, c: ArcFaceConfig): ArcFaceNetwork {
  const body = irseNetwork(g, weights, c.body, what);
  const head = foldedOutputLayer(weights, c);
  const headWeight = g.initializer('output_layer.folded.weight', head.weight, [c.embedding, head.inputs]);
  const headBias = g.initializer('output_layer.folded.bias', head.bias, [c.embedding]);
  const network = (x: Tensor): ArcFaceOutputs => {
    const r = c.inputSize;
    if (x.rank !== 4 || x.shape[1] !== 3 || x.shape[2] !== r || x.shape[3] !== r) {
      throw new GraphBuildError(
        `${what}: input ${x.name} must be [N,3,${r},${r}], got [${x.shape.join(',')}]`,
      );
    }
    const out = body(x).output;
    // Flatten in C,H,W order (torch `view(N, -1)` of NCHW).
    const prenorm = g.scope('output_layer', () =>
      linear(flatten(out, 1), { weight: headWeight, bias: headBias }),
    );
    return { features: l2Normalize(prenorm, 1), prenorm, body: out };
  };
  return Object.assign(network, { config: c });
}

/** The ArcFace model: input `image` [batch,3,112,112] → output `features` [batch,E] (L2-normalized). */
export function buildArcFaceGraph(weights: WeightMap, c: ArcFaceConfig, name = 'arcface'): Graph {
  const g = new Graph(name);
  const image = g.input('image', 'float32', ['batch', 3, c.inputSize, c.inputSize]);
  g.output(arcfaceNetwork(g, weights, c)(image).features, 'features');
  return g;
}
