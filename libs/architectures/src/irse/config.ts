import { WeightError, weight, type WeightMap } from '../weights';

/**
 * An IR-SE backbone (`input_layer` + `body` of TreB1eN's `Backbone` / e4e's encoders, mode `'ir_se'`), as read
 * from its weights. The released ArcFace and e4e models are IR-SE50: stem 64, stages 64/128/256/512 of 3, 4, 14
 * and 3 units.
 */
export interface IrSeConfig {
  /** Output width of `input_layer` (Conv 3×3 from RGB → BN → PReLU): the input width of the first unit. */
  stemWidth: number;
  /** Per stage: output width, unit count, SE hidden width (depth / 16 when released). */
  stages: IrSeStage[];
}

export interface IrSeStage {
  depth: number;
  units: number;
  seHidden: number;
}

/** One `bottleneck_IR_SE` unit, derived from the config. */
export interface IrSeUnit {
  index: number;
  inChannels: number;
  depth: number;
  /** 2 for the first unit of a stage (applied by the residual's second conv and by the shortcut). */
  stride: number;
  /** `MaxPool2d(1, stride)` (plain subsampling) when in == depth, else Conv 1×1 (stride) → BN. */
  shortcut: 'subsample' | 'conv';
  seHidden: number;
}

/** `get_blocks(num_layers)`: units per stage, keyed by the total unit count the weights hold. */
export const IRSE_STAGE_UNITS: Record<number, { layers: number; units: number[] }> = {
  24: { layers: 50, units: [3, 4, 14, 3] },
  49: { layers: 100, units: [3, 13, 30, 3] },
  50: { layers: 152, units: [3, 8, 36, 3] },
};

/** Every unit of the body in order (in/out widths, stride, shortcut kind). */
export function irseUnits(c: IrSeConfig): IrSeUnit[] {
  const units: IrSeUnit[] = [];
  let inChannels = c.stemWidth;
  for (const stage of c.stages) {
    for (let j = 0; j < stage.units; j++) {
      const cin = j === 0 ? inChannels : stage.depth;
      units.push({
        index: units.length,
        inChannels: cin,
        depth: stage.depth,
        stride: j === 0 ? 2 : 1,
        shortcut: cin === stage.depth ? 'subsample' : 'conv',
        seHidden: stage.seHidden,
      });
    }
    inChannels = stage.depth;
  }
  return units;
}

/** Total downsampling of the body (2 per stage). */
export const irseDownsampling = (c: IrSeConfig): number => 2 ** c.stages.length;

/** Depth of the network as `Backbone(num_layers)` names it (50, 100, 152). */
export const irseLayers = (c: IrSeConfig): number | undefined =>
  IRSE_STAGE_UNITS[c.stages.reduce((s, st) => s + st.units, 0)]?.layers;

/**
 * Reads the backbone config from its weights (keys `input_layer.*`, `body.N.*`, without a wrapper prefix).
 * Widths come from the conv weights, the stage split from the unit count (24 → IR-SE50), and every unit is
 * checked: shapes chain, shortcut kind matches the widths, SE blocks present (mode `'ir'` is refused).
 */
export function inferIrSeConfig(weights: WeightMap, what = 'IR-SE backbone'): IrSeConfig {
  const shape = (key: string) => weight(weights, key, undefined, what).shape;
  const stem = shape('input_layer.0.weight');
  if (stem.length !== 4 || stem[1] !== 3 || stem[2] !== 3 || stem[3] !== 3) {
    throw new WeightError(`${what}: input_layer.0.weight must be [C,3,3,3], got [${stem.join(',')}]`);
  }
  let count = 0;
  while (weights.has(`body.${count}.res_layer.1.weight`)) count++;
  const split = IRSE_STAGE_UNITS[count];
  if (!split) {
    throw new WeightError(
      `${what}: ${count} body units; expected 24 (IR-SE50), 49 (IR-SE100) or 50 (IR-SE152)`,
    );
  }
  if (!weights.has('body.0.res_layer.5.fc1.weight')) {
    throw new WeightError(
      `${what}: body.0 has no SE block (res_layer.5.fc1.weight): mode 'ir' is not supported, only 'ir_se'`,
    );
  }
  const stages: IrSeStage[] = [];
  let u = 0;
  for (const units of split.units) {
    const first = shape(`body.${u}.res_layer.1.weight`);
    stages.push({ depth: first[0]!, units, seHidden: shape(`body.${u}.res_layer.5.fc1.weight`)[0]! });
    u += units;
  }
  const config: IrSeConfig = { stemWidth: stem[0]!, stages };
  checkIrSeWeights(weights, config, what);
  return config;
}

/** Every parameter of the backbone with its shape (BatchNorm: weight, bias, running mean and variance). */
export function irseWeightShapes(c: IrSeConfig): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  const bn = (prefix: string, ch: number) => {
    for (const p of ['weight', 'bias', 'running_mean', 'running_var']) shapes.set(`${prefix}.${p}`, [ch]);
  };
  shapes.set('input_layer.0.weight', [c.stemWidth, 3, 3, 3]);
  bn('input_layer.1', c.stemWidth);
  shapes.set('input_layer.2.weight', [c.stemWidth]);
  for (const unit of irseUnits(c)) {
    const p = `body.${unit.index}`;
    if (unit.shortcut === 'conv') {
      shapes.set(`${p}.shortcut_layer.0.weight`, [unit.depth, unit.inChannels, 1, 1]);
      bn(`${p}.shortcut_layer.1`, unit.depth);
    }
    bn(`${p}.res_layer.0`, unit.inChannels);
    shapes.set(`${p}.res_layer.1.weight`, [unit.depth, unit.inChannels, 3, 3]);
    shapes.set(`${p}.res_layer.2.weight`, [unit.depth]);
    shapes.set(`${p}.res_layer.3.weight`, [unit.depth, unit.depth, 3, 3]);
    bn(`${p}.res_layer.4`, unit.depth);
    shapes.set(`${p}.res_layer.5.fc1.weight`, [unit.seHidden, unit.depth, 1, 1]);
    shapes.set(`${p}.res_layer.5.fc2.weight`, [unit.depth, unit.seHidden, 1, 1]);
  }
  return shapes;
}

/** Fails listing every missing or misshapen backbone tensor (`num_batches_tracked` is not needed). */
export function checkIrSeWeights(weights: WeightMap, c: IrSeConfig, what = 'IR-SE backbone'): void {
  const problems: string[] = [];
  for (const [key, expected] of irseWeightShapes(c)) {
    const w = weights.get(key);
    if (!w) problems.push(`missing ${key}`);
    else if (w.shape.length !== expected.length || w.shape.some((d, i) => d !== expected[i])) {
      problems.push(`${key} is [${w.shape.join(',')}], expected [${expected.join(',')}]`);
    }
  }
  // A conv shortcut where the widths say subsampling means the file is not this architecture.
  for (const unit of irseUnits(c)) {
    if (unit.shortcut === 'subsample' && weights.has(`body.${unit.index}.shortcut_layer.0.weight`)) {
      problems.push(
        `body.${unit.index}: unexpected conv shortcut for ${unit.inChannels} → ${unit.depth} channels`,
      );
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 8).join('; ');
    throw new WeightError(
      `${what}: ${shown}${problems.length > 8 ? `; … (${problems.length} problems)` : ''}`,
    );
  }
}
