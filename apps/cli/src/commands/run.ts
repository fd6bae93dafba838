import type { Command } from 'commander';
import { Engine } from '@styleclip/editing';
import type { Array32 } from '@styleclip/latent-math';
import { CliError, parseNumber } from '../errors';
import { readArray, readIds, writeArray } from '../npy-io';

const COMPONENTS = ['mapping', 'styles', 'synthesis', 'generator', 'mapper', 'clip-image', 'clip-text', 'arcface', 'id-loss', 'encoder'] as const;
type Component = (typeof COMPONENTS)[number];

interface RunArgs {
  models: string;
  input: string;
  output: string;
  truncation: string;
  mapper?: string;
  target?: string;
  outputGrad?: string;
  withoutLatentAvg?: boolean;
  outputImages?: string;
}

/** StyleCLIP's ID loss of ŷ (--input) against y (--target): the loss value and, on request, d loss / d ŷ. */
async function runIdLoss(engine: Engine, o: RunArgs): Promise<void> {
  const [yHat, y] = [await readArray(o.input), await readArray(o.target!)];
  const { loss, gradYHat } = await engine.components.idLoss(yHat, y);
  await writeArray(o.output, loss);
  if (o.outputGrad) await writeArray(o.outputGrad, gradYHat);
  console.log(
    `id-loss: [${yHat.shape.join(',')}] vs [${y.shape.join(',')}] → loss ${loss.data[0]} written to ${o.output}` +
      (o.outputGrad ? `, gradient [${gradYHat.shape.join(',')}] to ${o.outputGrad}` : ''),
  );
}

/** e4e inversion of aligned faces to W+ (latent_avg added unless asked), optionally with the pSp reconstruction. */
async function runEncoder(engine: Engine, o: RunArgs): Promise<void> {
  const images = await readArray(o.input);
  const c = engine.components;
  const { wplus, codes } = await c.encode(images);
  await writeArray(o.output, o.withoutLatentAvg ? codes : wplus);
  let note = '';
  if (o.outputImages) {
    const pooled = await c.facePool(await c.generate(wplus));
    await writeArray(o.outputImages, pooled);
    note = `, reconstruction [${pooled.shape.join(',')}] to ${o.outputImages}`;
  }
  const what = o.withoutLatentAvg ? 'codes without latent_avg' : 'W+';
  console.log(`encoder: [${images.shape.join(',')}] → ${what} [${wplus.shape.join(',')}] written to ${o.output}${note}`);
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run one network of a model set on a float32 .npy and write the result as .npy')
    .argument(
      '<component>',
      `mapping (z [N,D] → w), styles (W+ [N,L,D] → S [N,C]), synthesis (S → image [N,3,H,W]), generator (W+ → image), mapper (W+ → M(w)), ` +
        `arcface (faces [N,3,112,112] → features [N,E]), id-loss (images ŷ, --target y [N,3,S,S] → loss [1], --output-grad dloss/dŷ), ` +
        `encoder (aligned faces [N,3,256,256] in [-1, 1] → W+ [N,L,D] with latent_avg)`,
    )
    .requiredOption('--models <dir>', 'model set folder')
    .requiredOption('--input <file>', 'input .npy (float32; int64 for clip-text)')
    .requiredOption('--output <file>', 'output .npy')
    .option('--truncation <psi>', 'mapping only: truncation toward latent_avg', '1')
    .option('--mapper <name>', 'mapper only: which mapper of the set')
    .option('--target <file>', 'id-loss only: the target images y (.npy, same shape as the input ŷ)')
    .option('--output-grad <file>', 'id-loss only: write the gradient of the loss w.r.t. the input ŷ')
    .option('--without-latent-avg', 'encoder only: write the raw encoder codes (before latent_avg is added)')
    .option('--output-images <file>', "encoder only: also write the reconstruction as pSp returns it (decoder, then face_pool to 256)")
    .action(async (component: string, o: RunArgs) => {
      if (!COMPONENTS.includes(component as Component)) {
        throw new CliError(`unknown component "${component}"; choose one of ${COMPONENTS.join(', ')}`);
      }
      if (component === 'id-loss' && !o.target) throw new CliError('run id-loss needs --target Y.npy (the images ŷ is compared with)');
      if (component !== 'id-loss' && (o.target || o.outputGrad)) throw new CliError('--target and --output-grad apply to run id-loss only');
      if (component !== 'encoder' && (o.withoutLatentAvg || o.outputImages)) {
        throw new CliError('--without-latent-avg and --output-images apply to run encoder only');
      }
      const engine = await Engine.open(o.models);
      try {
        if (component === 'id-loss') {
          await runIdLoss(engine, o);
          return;
        }
        if (component === 'encoder') {
          await runEncoder(engine, o);
          return;
        }
        const c = engine.components;
        const run = async (): Promise<{ inputShape: readonly number[]; out: Array32 }> => {
          // Token ids are int64; every other component takes float32.
          if (component === 'clip-text') {
            const ids = await readIds(o.input);
            return { inputShape: ids.shape, out: await c.clipText(ids) };
          }
          const input = await readArray(o.input);
          const byComponent: Record<Exclude<Component, 'clip-text' | 'id-loss' | 'encoder'>, () => Promise<Array32>> = {
            mapping: () => c.mapping(input, parseNumber('--truncation', o.truncation, 0, 2)),
            styles: () => c.styles(input),
            synthesis: () => c.synthesis(input),
            generator: () => c.generate(input),
            'clip-image': () => c.clipImage(input),
            arcface: () => c.arcfaceFeatures(input),
            mapper: () => {
              if (!o.mapper) throw new CliError('run mapper needs --mapper NAME');
              return c.mapper(o.mapper, input);
            },
          };
          return { inputShape: input.shape, out: await byComponent[component as Exclude<Component, 'clip-text' | 'id-loss' | 'encoder'>]() };
        };
        const { inputShape, out } = await run();
        await writeArray(o.output, out);
        console.log(`${component}: [${inputShape.join(',')}] → [${out.shape.join(',')}] written to ${o.output}`);
      } finally {
        await engine.close();
      }
    });
}
