import { adaptiveAvgPool2d } from '@styleclip/nn';
import { Graph } from '@styleclip/onnx-graph';

/**
 * pSp's `face_pool` = `AdaptiveAvgPool2d((256, 256))` on the decoder output: `image` [batch,3,S,S] →
 * `pooled` [batch,3,out,out] (1024 → 256: 4×4 means; 32 → 256: each pixel repeated 8×8). No weights.
 */
export function buildFacePoolGraph(size: number, out = 256, name = 'face_pool'): Graph {
  const g = new Graph(name);
  const image = g.input('image', 'float32', ['batch', 3, size, size]);
  g.output(adaptiveAvgPool2d(image, [out, out]), 'pooled');
  return g;
}
