import { cast, Graph, importOnnx } from '@styleclip/onnx-graph';
import type { Runtime } from '@styleclip/model-runners';
import { defaultTokenizer } from '@styleclip/tokenizer';
import { clipOf, EngineError } from '../components';
import type { ComponentGraphs } from './component-graphs';
import { lossGraphSession } from './session';

/**
 * The raw CLIP text embedding [E] of a loss's prompt (`CLIP.encode_text`, not normalized), computed in
 * **float64** (the set's own clip-text.onnx imported with `precision: 'float64'`) and rounded once to float32.
 *
 * Why not the float32 text encoder: the prompt is encoded once and then enters every step's loss. Its
 * float32 rounding (a few 1e-7, mostly orthogonal to the embedding, where the cosine sees it) is therefore
 * not noise that averages out over the steps but a fixed tilt of the objective, and Adam's normalized steps
 * follow it coherently: on the parity fixture edit-wplus, our float32 embedding (3.1e-7 from the exact one)
 * moved the 8-step displacement by 1.15e-5 relative from the official run's, PyTorch's own float32 embedding
 * by 2.4e-6, random orthogonal errors of 2.5e-7 by 2.4e-6 … 1e-5 (tools/src/parity/text-embedding-sensitivity.ts).
 * Encoding the prompt in float64 leaves only the per-step rounding, which does average out.
 */
export async function promptEmbedding(
  runtime: Runtime,
  graphs: ComponentGraphs,
  text: string,
  cacheDir: string,
): Promise<Float32Array> {
  const clip = clipOf(graphs.set.manifest);
  const context = clip.config.contextLength;
  const batch = defaultTokenizer().tokenize([text], { truncate: true, contextLength: context });
  if (batch.truncated[0])
    throw new EngineError(`the text is longer than CLIP's ${context} tokens`, 'bad_parameter');
  const { model } = await lossGraphSession(
    runtime,
    cacheDir,
    { kind: 'prompt-embedding-f64', files: graphs.fingerprint(['clipText']) },
    async () => {
      const g = new Graph('prompt_embedding_f64');
      const ids = g.input('ids', 'int64', [1, context]);
      const e = importOnnx(g, await graphs.clipText(), {
        inputs: { ids },
        prefix: 'clip_text/',
        precision: 'float64',
      })['embedding']!;
      g.output(cast(e, 'float32'), 'embedding');
      return g;
    },
  );
  try {
    const out = await model.run({ ids: { type: 'int64', dims: [1, context], data: batch.ids } });
    return (out['embedding']!.data as Float32Array).slice();
  } finally {
    await runtime.unload(model.name); // used once per run
  }
}
