import { inferIrSeConfig, irseUnits, type IrSeConfig } from '../irse/config';
import { weight, WeightError, type WeightMap } from '../weights';

/**
 * omertov/encoder4editing `Encoder4Editing(50, 'ir_se')`, as read from its weights: an IR-SE50 body with taps
 * after units 6, 20 and 23 (c1, c2, c3), a two-level FPN (`latlayer1`, `latlayer2`) and one
 * `GradualStyleBlock` per W+ row.
 */
export interface E4eConfig {
  body: IrSeConfig;
  /** FPN width: the body's output width, which the lateral convs map c2 and c1 to (512 released). */
  fpnWidth: number;
  /** Style width: the generator's style dim, the width of the style heads (512 released). */
  styleDim: number;
  /** W+ rows = style heads (18 released: 2·log2(1024) − 2). */
  styleCount: number;
  /** Input resolution (256 released); the heads read c3 at /16, p2 at /8 and p1 at /4 of it. */
  inputSize: number;
}

/** Official constants of `Encoder4Editing`: heads before 3 read c3, before 7 read p2, the rest p1. */
export const E4E_COARSE_IND = 3;
export const E4E_MIDDLE_IND = 7;
/** Body units whose outputs are the FPN's c1, c2, c3 (hard-coded `i == 6 / 20 / 23` in the official forward). */
export const E4E_TAPS = { c1: 6, c2: 20, c3: 23 } as const;

/** log2 of the spatial size a head starts from, relative to c3: coarse 0, middle 1, fine 2. */
export const e4eHeadLevel = (i: number): number => (i < E4E_COARSE_IND ? 0 : i < E4E_MIDDLE_IND ? 1 : 2);

const what = 'e4e encoder';

/** Number of stride-2 convs of head i: log2 of its input's spatial size. */
export function e4eHeadConvs(c: E4eConfig, i: number): number {
  return Math.log2(c.inputSize / 16) + e4eHeadLevel(i);
}

/**
 * Reads the config from the encoder's weights (keys without `encoder.`): the body, the FPN width from
 * `latlayer1`, the style width from the heads' `EqualLinear`, the style count from the number of heads, the
 * input size from the conv count of head 0. Every tensor is checked against the official topology.
 */
export function inferE4eConfig(weights: WeightMap): E4eConfig {
  if (!weights.has('styles.0.linear.weight') || !weights.has('latlayer1.weight')) {
    throw new WeightError(`not an e4e Encoder4Editing: no styles.0.linear.weight / latlayer1.weight`);
  }
  const body = inferIrSeConfig(weights, what);
  if (irseUnits(body).length !== 24) {
    throw new WeightError(
      `${what}: Encoder4Editing is IR-SE50 (24 body units), these weights have ${irseUnits(body).length}`,
    );
  }
  const fpnWidth = weight(weights, 'latlayer1.weight', undefined, what).shape[0]!;
  const styleDim = weight(weights, 'styles.0.linear.weight', undefined, what).shape[0]!;
  let styleCount = 0;
  while (weights.has(`styles.${styleCount}.linear.weight`)) styleCount++;
  let convs0 = 0;
  while (weights.has(`styles.0.convs.${2 * convs0}.weight`)) convs0++;
  const config: E4eConfig = { body, fpnWidth, styleDim, styleCount, inputSize: 16 * 2 ** convs0 };
  checkE4eWeights(weights, config);
  return config;
}

/** Every parameter outside the body (FPN laterals, style heads) with its shape. */
export function e4eHeadShapes(c: E4eConfig): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  const depth = (unit: number) => irseUnits(c.body)[unit]!.depth;
  shapes.set('latlayer1.weight', [c.fpnWidth, depth(E4E_TAPS.c2), 1, 1]);
  shapes.set('latlayer1.bias', [c.fpnWidth]);
  shapes.set('latlayer2.weight', [c.fpnWidth, depth(E4E_TAPS.c1), 1, 1]);
  shapes.set('latlayer2.bias', [c.fpnWidth]);
  for (let i = 0; i < c.styleCount; i++) {
    for (let k = 0; k < e4eHeadConvs(c, i); k++) {
      shapes.set(`styles.${i}.convs.${2 * k}.weight`, [c.styleDim, k === 0 ? c.fpnWidth : c.styleDim, 3, 3]);
      shapes.set(`styles.${i}.convs.${2 * k}.bias`, [c.styleDim]);
    }
    shapes.set(`styles.${i}.linear.weight`, [c.styleDim, c.styleDim]);
    shapes.set(`styles.${i}.linear.bias`, [c.styleDim]);
  }
  return shapes;
}

function checkE4eWeights(weights: WeightMap, c: E4eConfig): void {
  const problems: string[] = [];
  if (c.body.stages[c.body.stages.length - 1]!.depth !== c.fpnWidth) {
    problems.push(
      `the body's output width ${c.body.stages[c.body.stages.length - 1]!.depth} differs from the FPN width ${c.fpnWidth}`,
    );
  }
  for (const [key, expected] of e4eHeadShapes(c)) {
    const w = weights.get(key);
    if (!w) problems.push(`missing ${key}`);
    else if (w.shape.join(',') !== expected.join(','))
      problems.push(`${key} is [${w.shape.join(',')}], expected [${expected.join(',')}]`);
  }
  for (let i = 0; i < c.styleCount; i++) {
    if (weights.has(`styles.${i}.convs.${2 * e4eHeadConvs(c, i)}.weight`)) {
      problems.push(`styles.${i} has more convs than the official GradualStyleBlock for its level`);
    }
  }
  if (problems.length > 0) {
    throw new WeightError(
      `${what}: ${problems.slice(0, 8).join('; ')}${problems.length > 8 ? `; … (${problems.length} problems)` : ''}`,
    );
  }
}
