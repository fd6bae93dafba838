import { basename } from 'node:path';
import { collectTensors, openCheckpoint, toFloat32 } from '@styleclip/checkpoints';
import { fs3Coverage, sWidth } from '@styleclip/latent-math';
import { loadModelSet, type ModelSetManifest } from '@styleclip/model-sets';
import { EngineError } from '../components';
import { readFloat, type SStatistics } from './data';
import { switchDirections } from './versions';
import { POOL_SEED, STYLECLIP_SAMPLING } from './sampling';
import { computeSStatistics } from './stats';
import { Engine } from '../engine';

/** Reads an official `S_mean_std` pickle: [means (one array per S layer), stds (same)] → flat mean and std. */
async function readSMeanStd(file: string, width: number): Promise<SStatistics> {
  const ckpt = await openCheckpoint(file);
  try {
    const tensors = collectTensors(ckpt.root);
    const flat = async (list: string) => {
      const keys = [...tensors.keys()]
        .filter((k) => k.startsWith(`${list}.`))
        .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
      const parts = await Promise.all(keys.map(async (k) => toFloat32(await tensors.get(k)!.load())));
      const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
      let o = 0;
      for (const p of parts) {
        out.set(p, o);
        o += p.length;
      }
      return out;
    };
    const mean = await flat('0');
    const std = await flat('1');
    if (mean.length !== width || std.length !== width) {
      throw new EngineError(
        `${basename(file)}: S mean/std cover ${mean.length}/${std.length} channels; this generator's S has ${width} (not its S_mean_std?)`,
        'bad_input',
      );
    }
    return { mean, std };
  } finally {
    await ckpt.close();
  }
}

/**
 * Imports an official channel-relevance table (fs3.npy, any row count that ends on a layer boundary: 5376
 * or 6048 for FFHQ 1024) and optionally the official S_mean_std; without it, S statistics are computed.
 */
export async function importDirections(
  setDir: string,
  o: {
    fs3: string;
    sMeanStd?: string;
    /** S statistics samples, needed when no S_mean_std is given. */ samples?: number;
    onProgress?: Parameters<typeof computeSStatistics>[2]['onProgress'];
  },
): Promise<ModelSetManifest> {
  const set = await loadModelSet(setDir);
  const layout = set.manifest.generator.sLayout;
  const width = sWidth(layout);
  let fs3;
  try {
    fs3 = await readFloat(o.fs3);
  } catch (e) {
    throw new EngineError(
      `${basename(o.fs3)}: cannot read the channel-relevance table: ${(e as Error).message}`,
      'bad_input',
    );
  }
  if (fs3.shape.length !== 2)
    throw new EngineError(
      `${basename(o.fs3)}: expected a [rows, embedDim] array, got [${fs3.shape.join(',')}]`,
      'bad_input',
    );
  const [rows, embedDim] = fs3.shape as [number, number];
  let layers: number[];
  try {
    layers = fs3Coverage(layout, rows);
  } catch (e) {
    throw new EngineError(`${basename(o.fs3)}: ${(e as Error).message}`, 'bad_input');
  }
  const clip = set.manifest.clip;
  if (clip && clip.config.embedDim !== embedDim) {
    throw new EngineError(
      `${basename(o.fs3)}: rows have ${embedDim} values, the set's CLIP embeds in ${clip.config.embedDim}`,
      'bad_input',
    );
  }
  let stats: SStatistics;
  let samples = 0;
  const truncation = STYLECLIP_SAMPLING;
  if (o.sMeanStd) {
    stats = await readSMeanStd(o.sMeanStd, width);
  } else {
    const engine = await Engine.open(setDir);
    try {
      const avg = (await readFloat(set.path(set.manifest.generator.latentAvg))).data;
      if (o.samples === undefined)
        throw new EngineError(
          'give the S_mean_std file or the samples for computing S statistics',
          'bad_parameter',
        );
      samples = o.samples;
      stats = await computeSStatistics(engine.components, avg, {
        samples,
        seed: POOL_SEED,
        truncation,
        batch: 256,
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      });
    } finally {
      await engine.close();
    }
  }
  // A new version, switched to in one step (the previous table stays in use until then).
  return switchDirections(
    setDir,
    set.manifest,
    { stats, fs3: { shape: [rows, embedDim], data: fs3.data } },
    {
      sStatsSamples: samples,
      truncation,
      fs3Rows: rows,
      fs3Layers: layers,
      origin: `import:${basename(o.fs3)}${o.sMeanStd ? `+${basename(o.sMeanStd)}` : ''}`,
      clipImageSha256: '',
    },
  );
}
