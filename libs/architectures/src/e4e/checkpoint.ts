import { basename } from 'node:path';
import { openCheckpoint, stateDict, toFloat32, type CheckpointFormat } from '@styleclip/checkpoints';
import { describeKeys, loadFloatWeights, skippedNote } from '../irse/read-weights';
import { irseWeightShapes } from '../irse/config';
import { WeightError, type Weight } from '../weights';
import { e4eHeadShapes, inferE4eConfig, type E4eConfig } from './config';

export interface E4eCheckpoint {
  /** float32 encoder weights without `encoder.` (`input_layer.0.weight`, `styles.0.linear.weight`, …). */
  weights: Map<string, Weight>;
  config: E4eConfig;
  /** [styleCount·styleDim]: what pSp adds to the codes (zeros when `start_from_latent_avg` is off). */
  latentAvg: Float32Array;
  format: CheckpointFormat;
  notes: string[];
}

const ANCHOR = 'encoder.styles.0.linear.weight';

/** A plain `opts` value (`vars(argparse)` dict) if the checkpoint has one. */
function option(root: unknown, key: string): unknown {
  const opts = root instanceof Map ? root.get('opts') : undefined;
  return opts instanceof Map ? opts.get(key) : undefined;
}

/**
 * Reads the encoder of an e4e checkpoint in the layout of the released `e4e_ffhq_encode.pt`
 * (`{state_dict: {encoder.*, decoder.*}, opts, latent_avg [L, D]}`), zip or legacy. The config comes from the
 * weights (never from `opts`); `opts.encoder_type` must be `Encoder4Editing` when present, and
 * `opts.start_from_latent_avg` decides whether `latent_avg` is added (as `pSp.forward`). The decoder is read
 * separately, as the model set's generator.
 */
export async function readE4eCheckpoint(path: string): Promise<E4eCheckpoint> {
  const file = basename(path);
  const ckpt = await openCheckpoint(path);
  try {
    const entries = stateDict(ckpt.root);
    const keys = [...entries.keys()];
    const anchored = keys
      .filter((k) => k === ANCHOR || k.endsWith(`.${ANCHOR}`))
      .sort((a, b) => a.length - b.length);
    if (anchored.length === 0) {
      throw new WeightError(`${file}: not an e4e checkpoint (no ${ANCHOR}; found ${describeKeys(keys)})`);
    }
    const encoderType = option(ckpt.root, 'encoder_type');
    if (encoderType !== undefined && encoderType !== 'Encoder4Editing') {
      throw new WeightError(
        `${file}: opts.encoder_type is ${String(encoderType)}; only Encoder4Editing (e4e) is supported`,
      );
    }
    const prefix = anchored[0]!.slice(0, anchored[0]!.length - ANCHOR.length) + 'encoder.';
    const { weights, skipped } = await loadFloatWeights(entries, prefix);
    let config: E4eConfig;
    try {
      config = inferE4eConfig(weights);
    } catch (e) {
      throw new WeightError(`${file}: ${(e as Error).message}`);
    }
    const notes = [`e4e encoder read from a ${ckpt.format} checkpoint`];
    const skippedText = skippedNote(skipped);
    if (skippedText) notes.push(skippedText);
    const known = new Set([...irseWeightShapes(config.body).keys(), ...e4eHeadShapes(config).keys()]);
    const extra = [...weights.keys()].filter((k) => !known.has(k));
    for (const k of extra) weights.delete(k);
    if (extra.length > 0)
      notes.push(
        `ignored ${extra.length} encoder tensors that are not Encoder4Editing parameters: ${extra.slice(0, 5).join(', ')}`,
      );

    const rows = config.styleCount;
    const D = config.styleDim;
    const startFromAvg = option(ckpt.root, 'start_from_latent_avg');
    const avgEntry =
      entries.get(`${prefix.slice(0, -'encoder.'.length)}latent_avg`) ?? entries.get('latent_avg');
    let latentAvg: Float32Array = new Float32Array(rows * D);
    if (startFromAvg === false) {
      notes.push('opts.start_from_latent_avg is false: codes are used without latent_avg');
    } else if (!avgEntry) {
      throw new WeightError(
        `${file}: no latent_avg (pSp adds it to the codes when start_from_latent_avg is set)`,
      );
    } else {
      const t = await avgEntry.load();
      const data = toFloat32(t);
      // Stored [L, D] (the generator's mean repeated per style); a [D] or [1, D] average is repeated here.
      if (data.length === rows * D) latentAvg = data;
      else if (data.length === D) for (let r = 0; r < rows; r++) latentAvg.set(data, r * D);
      else
        throw new WeightError(
          `${file}: latent_avg is [${t.shape.join(',')}], expected [${rows},${D}] or [${D}]`,
        );
      if (data.length === D) notes.push(`latent_avg [${t.shape.join(',')}] repeated for the ${rows} styles`);
    }
    return { weights, config, latentAvg, format: ckpt.format, notes };
  } finally {
    await ckpt.close();
  }
}
