// How much the prompt embedding's rounding moves a latent optimization: runs our optimization of a
// parity-v2 case (8 steps, official options) once as built, then once from each given embedding (the run's
// step-0 checkpoint with its `text` replaced, resumed), and compares every step with the fixture the official
// code wrote. `--write-ours DIR` also writes our float32 text encoder's embedding (`ours-f32.npy`) and the
// float64 one the optimization uses (`ours-f64.npy`). See tools/README.md for the whole procedure.
//
//   npx tsx tools/src/parity/text-embedding-sensitivity.ts --models SET [--case edit-wplus]
//       [--embedding FILE.npy]... [--write-ours DIR] [--graph-cache DIR]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  encodeSafetensors,
  readNpy,
  readSafetensorsWithMetadata,
  toFloat32,
  writeNpy,
} from '@styleclip/checkpoints';
import { Engine, LatentOptimization } from '@styleclip/editing';
import { array32 } from '@styleclip/latent-math';
import { relativeL2, sharedDir } from '@styleclip/testing';

const { values } = parseArgs({
  options: {
    models: { type: 'string' },
    case: { type: 'string', default: 'edit-wplus' },
    embedding: { type: 'string', multiple: true, default: [] },
    'write-ours': { type: 'string' },
    'graph-cache': { type: 'string' },
  },
});
const CASES = { 'edit-wplus': 'wplus', 'edit-stylespace': 's' } as const;
const name = values.case as keyof typeof CASES;
if (!values.models || !(name in CASES)) {
  console.error('usage: --models SET (the parity-v2 optimization set) [--case edit-wplus|edit-stylespace]');
  process.exit(2);
}
const fixture = (f: string) => join(sharedDir(), 'fixtures', 'parity-v2', 'optimization', name, f);
const f32 = async (path: string) => toFloat32(await readNpy(path));

const engine = await Engine.open(values.models);
const graphCacheDir = values['graph-cache'] ?? (await mkdtemp(join(tmpdir(), 'embedding-sensitivity-')));
const start = await f32(fixture('latent_init.npy'));
const request = {
  text: 'a person with purple hair',
  mode: 'edit' as const,
  space: CASES[name],
  steps: 8,
  latent: array32([1, start.length / 64, 64], start),
};
const options = { keepLatents: true, graphCacheDir };

/** The run's step-0 checkpoint with another prompt embedding, resumed. */
async function withEmbedding(text: Float32Array | undefined): Promise<LatentOptimization> {
  const run = await LatentOptimization.start(engine, request, options);
  if (!text) return run;
  const { tensors, metadata } = await readSafetensorsWithMetadata(await run.checkpoint());
  const built = toFloat32(tensors.get('text')!);
  if (built.length !== text.length)
    throw new Error(`embedding of ${text.length} values, expected ${built.length}`);
  tensors.set('text', { dtype: 'float32', shape: [text.length], data: text });
  await run.close();
  return LatentOptimization.resume(
    engine,
    await encodeSafetensors(Object.fromEntries(tensors), metadata),
    options,
  );
}

const expected = await f32(fixture('latents.npy'));
const l2Ref = await f32(fixture('l2_loss.npy'));
const finalRef = await f32(fixture('final_image.npy'));
const n = expected.length / 9;
const row = (a: Float32Array, i: number) => a.subarray(i * n, (i + 1) * n);
const minus = (a: Float32Array, b: Float32Array) => a.map((v, i) => v - b[i]!);

async function measure(label: string, text: Float32Array | undefined): Promise<void> {
  const run = await withEmbedding(text);
  while (!run.done) await run.next();
  const latents = [run.initialLatent, ...run.latents!].map((l) => l.data);
  const final = await run.render();
  const e = (v: number) => v.toExponential(2);
  const cells = [2, 4, 6, 7].map(
    (i) =>
      `${i}: disp ${e(relativeL2(minus(latents[i]!, row(expected, 0)), minus(row(expected, i), row(expected, 0))))}` +
      ` l2 ${e(Math.abs(run.history[i]!.l2! - l2Ref[i]!) / l2Ref[i]!)}`,
  );
  console.log(
    `${label.padEnd(18)} ${cells.join(' | ')} | 8: disp ${e(relativeL2(minus(latents[8]!, row(expected, 0)), minus(row(expected, 8), row(expected, 0))))}` +
      ` final image ${e(relativeL2(final.data, finalRef))}`,
  );
  await run.close();
}

try {
  if (values['write-ours']) {
    const truncated = new Set<string>();
    const ours32 = await engine.text.encode([request.text], truncated);
    const run = await LatentOptimization.start(engine, request, options);
    const { tensors } = await readSafetensorsWithMetadata(await run.checkpoint());
    await run.close();
    const dir = values['write-ours'];
    await writeNpy(join(dir, 'ours-f32.npy'), { dtype: 'float32', shape: [ours32.length], data: ours32 });
    await writeNpy(join(dir, 'ours-f64.npy'), {
      ...tensors.get('text')!,
      data: toFloat32(tensors.get('text')!),
    });
    console.log(`wrote ours-f32.npy and ours-f64.npy to ${dir}`);
  }
  console.log(
    `${name}: relative errors against the fixture per step (tolerances: disp 1e-4, l2 1e-5, image 1e-5)`,
  );
  await measure('as built', undefined);
  for (const file of values.embedding) await measure(basename(file, '.npy'), await f32(file));
} finally {
  await engine.close();
  if (!values['graph-cache']) await rm(graphCacheDir, { recursive: true, force: true });
}
