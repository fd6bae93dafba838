import { basename } from 'node:path';
import { openCheckpoint, stateDict, type CheckpointFormat } from '@styleclip/checkpoints';
import { describeKeys, loadFloatWeights, skippedNote } from '../irse/read-weights';
import { WeightError, type Weight } from '../weights';
import { arcfaceWeightShapes, inferArcFaceConfig, type ArcFaceConfig } from './config';

export interface ArcFaceCheckpoint {
  /** float32 weights under the bare state-dict names (`input_layer.0.weight`, `body.0.res_layer.1.weight`, …). */
  weights: Map<string, Weight>;
  config: ArcFaceConfig;
  format: CheckpointFormat;
  notes: string[];
}

const ANCHOR = 'output_layer.3.weight';

/**
 * Reads TreB1eN's `model_ir_se50.pth` (a bare state dict, legacy or zip format; `num_batches_tracked` present
 * or not) or the same under a wrapper prefix (`state_dict.`, `module.`). The config comes from the weights;
 * every parameter is checked. Nothing in the file is executed.
 */
export async function readArcFaceCheckpoint(path: string): Promise<ArcFaceCheckpoint> {
  const file = basename(path);
  const ckpt = await openCheckpoint(path);
  try {
    const entries = stateDict(ckpt.root);
    const keys = [...entries.keys()];
    const anchored = keys
      .filter((k) => k === ANCHOR || k.endsWith(`.${ANCHOR}`))
      .sort((a, b) => a.length - b.length);
    if (anchored.length === 0) {
      throw new WeightError(
        `${file}: not an ArcFace IR-SE checkpoint (no ${ANCHOR}; found ${describeKeys(keys)})`,
      );
    }
    const prefix = anchored[0]!.slice(0, anchored[0]!.length - ANCHOR.length);
    const { weights, skipped } = await loadFloatWeights(entries, prefix);
    let config: ArcFaceConfig;
    try {
      config = inferArcFaceConfig(weights);
    } catch (e) {
      throw new WeightError(`${file}: ${(e as Error).message}`);
    }
    const notes = [
      `ArcFace read from a ${ckpt.format} checkpoint${prefix ? ` (under "${prefix.slice(0, -1)}")` : ''}`,
    ];
    const skippedText = skippedNote(skipped);
    if (skippedText) notes.push(skippedText);
    const expected = arcfaceWeightShapes(config);
    const extra = [...weights.keys()].filter((k) => !expected.has(k));
    for (const k of extra) weights.delete(k);
    if (extra.length > 0)
      notes.push(
        `ignored ${extra.length} tensors that are not Backbone parameters: ${extra.slice(0, 5).join(', ')}`,
      );
    return { weights, config, format: ckpt.format, notes };
  } finally {
    await ckpt.close();
  }
}
