import { inferIrSeConfig, irseDownsampling, irseWeightShapes, type IrSeConfig } from '../irse/config';
import { weight, WeightError, type WeightMap } from '../weights';

/**
 * TreB1eN's `Backbone(input_size, num_layers, drop_ratio, mode='ir_se')` (StyleCLIP `models/facial_recognition`,
 * pSp/e4e `model_irse.py`), as read from its weights: the IR-SE body, then `output_layer` = BatchNorm2d(C) →
 * Dropout → Flatten (C,H,W) → Linear(C·s·s → E) → BatchNorm1d(E, affine), then `l2_norm`.
 */
export interface ArcFaceConfig {
  body: IrSeConfig;
  /** Embedding width E (512 released). */
  embedding: number;
  /** Input resolution: 112 (released; 7×7 after the body) or 224 (14×14). */
  inputSize: number;
}

const what = 'ArcFace (IR-SE) backbone';

/** Reads the config from a bare state dict (`input_layer.*`, `body.*`, `output_layer.*`). */
export function inferArcFaceConfig(weights: WeightMap): ArcFaceConfig {
  if (!weights.has('output_layer.3.weight')) {
    throw new WeightError(`not an ArcFace Backbone: no output_layer.3.weight (the Linear after the body)`);
  }
  const body = inferIrSeConfig(weights, what);
  const width = body.stages[body.stages.length - 1]!.depth;
  const linear = weight(weights, 'output_layer.3.weight', undefined, what).shape;
  const spatial = Math.sqrt((linear[1] ?? 0) / width);
  if (linear.length !== 2 || !Number.isInteger(spatial) || (spatial !== 7 && spatial !== 14)) {
    throw new WeightError(
      `${what}: output_layer.3.weight [${linear.join(',')}] is not Linear(${width}·7·7 or ${width}·14·14 → E)`,
    );
  }
  const config = { body, embedding: linear[0]!, inputSize: spatial * irseDownsampling(body) };
  checkArcFaceWeights(weights, config);
  return config;
}

/** Every parameter (body and output layer) with its shape. */
export function arcfaceWeightShapes(c: ArcFaceConfig): Map<string, number[]> {
  const shapes = irseWeightShapes(c.body);
  const width = c.body.stages[c.body.stages.length - 1]!.depth;
  const s = c.inputSize / irseDownsampling(c.body);
  for (const [prefix, ch] of [
    ['output_layer.0', width],
    ['output_layer.4', c.embedding],
  ] as const) {
    for (const p of ['weight', 'bias', 'running_mean', 'running_var']) shapes.set(`${prefix}.${p}`, [ch]);
  }
  shapes.set('output_layer.3.weight', [c.embedding, width * s * s]);
  shapes.set('output_layer.3.bias', [c.embedding]);
  return shapes;
}

function checkArcFaceWeights(weights: WeightMap, c: ArcFaceConfig): void {
  const problems: string[] = [];
  for (const [key, expected] of arcfaceWeightShapes(c)) {
    if (!key.startsWith('output_layer.')) continue; // the body was checked by inferIrSeConfig
    const w = weights.get(key);
    if (!w) problems.push(`missing ${key}`);
    else if (w.shape.join(',') !== expected.join(','))
      problems.push(`${key} is [${w.shape.join(',')}], expected [${expected.join(',')}]`);
  }
  if (problems.length > 0) {
    // `affine=False` (the IR_SE_50 helper) has no output_layer.4.weight/bias: IDLoss builds affine=True.
    throw new WeightError(`${what}: ${problems.join('; ')}`);
  }
}

/** The released `model_ir_se50.pth`: IR-SE50, stages 64/128/256/512, embedding 512, input 112. */
export const irse50ArcFaceConfig: ArcFaceConfig = {
  body: {
    stemWidth: 64,
    stages: [
      { depth: 64, units: 3, seHidden: 4 },
      { depth: 128, units: 4, seHidden: 8 },
      { depth: 256, units: 14, seHidden: 16 },
      { depth: 512, units: 3, seHidden: 32 },
    ],
  },
  embedding: 512,
  inputSize: 112,
};

/** A small IR-SE50 (stages 16/16/32/32, embedding 32) for the tiny preset: same topology, few channels. */
export const tinyArcFaceConfig: ArcFaceConfig = {
  body: {
    stemWidth: 16,
    stages: [
      { depth: 16, units: 3, seHidden: 1 },
      { depth: 16, units: 4, seHidden: 1 },
      { depth: 32, units: 14, seHidden: 2 },
      { depth: 32, units: 3, seHidden: 2 },
    ],
  },
  embedding: 32,
  inputSize: 112,
};
