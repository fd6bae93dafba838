import type { Command } from 'commander';
import { Engine } from '@styleclip/editing';
import type { Array32 } from '@styleclip/latent-math';
import { CliError, parseNumber } from '../errors';
import { readArray, readIds, writeArray } from '../npy-io';

const COMPONENTS = [
  'mapping',
  'styles',
  'synthesis',
  'generator',
  'mapper',
  'clip-image',
  'clip-text',
] as const;
type Component = (typeof COMPONENTS)[number];

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run one network of a model set on a float32 .npy and write the result as .npy')
    .argument(
      '<component>',
      `mapping (z [N,D] → w), styles (W+ [N,L,D] → S [N,C]), synthesis (S → image [N,3,H,W]), generator (W+ → image), mapper (W+ → M(w))`,
    )
    .requiredOption('--models <dir>', 'model set folder')
    .requiredOption('--input <file>', 'input .npy (float32; int64 for clip-text)')
    .requiredOption('--output <file>', 'output .npy')
    .option('--truncation <psi>', 'mapping only: truncation toward latent_avg', '1')
    .option('--mapper <name>', 'mapper only: which mapper of the set')
    .action(
      async (
        component: string,
        o: { models: string; input: string; output: string; truncation: string; mapper?: string },
      ) => {
        if (!COMPONENTS.includes(component as Component)) {
          throw new CliError(`unknown component "${component}"; choose one of ${COMPONENTS.join(', ')}`);
        }
        const engine = await Engine.open(o.models);
        try {
          const c = engine.components;
          const run = async (): Promise<{ inputShape: readonly number[]; out: Array32 }> => {
            // Token ids are int64; every other component takes float32.
            if (component === 'clip-text') {
              const ids = await readIds(o.input);
              return { inputShape: ids.shape, out: await c.clipText(ids) };
            }
            const input = await readArray(o.input);
            const byComponent: Record<Exclude<Component, 'clip-text'>, () => Promise<Array32>> = {
              mapping: () => c.mapping(input, parseNumber('--truncation', o.truncation, 0, 2)),
              styles: () => c.styles(input),
              synthesis: () => c.synthesis(input),
              generator: () => c.generate(input),
              'clip-image': () => c.clipImage(input),
              mapper: () => {
                if (!o.mapper) throw new CliError('run mapper needs --mapper NAME');
                return c.mapper(o.mapper, input);
              },
            };
            return {
              inputShape: input.shape,
              out: await byComponent[component as Exclude<Component, 'clip-text'>](),
            };
          };
          const { inputShape, out } = await run();
          await writeArray(o.output, out);
          console.log(
            `${component}: [${inputShape.join(',')}] → [${out.shape.join(',')}] written to ${o.output}`,
          );
        } finally {
          await engine.close();
        }
      },
    );
}
