import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Engine } from '@styleclip/editing';
import { tensorToRgb8, writePng } from '@styleclip/imaging';
import { rows } from '@styleclip/latent-math';
import { parseNumber } from '../errors';
import { numberFlag, optionDefault, P, parseSeeds } from '../parameters';
import { writeArray } from '../npy-io';
import { Progress } from '../progress';
import { PREVIEW_SIZE_HELP, previewSize } from './preview-size';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate faces from seeds: a PNG and the W+ latent (.npy) per seed')
    .requiredOption('--models <dir>', 'model set folder')
    .requiredOption('--seeds <list>', 'seeds, e.g. 1,2,3 or 1-8')
    .option(
      '--truncation <psi>',
      'truncation toward the average face (1 = none)',
      optionDefault(P.generateImages, 'truncation'),
    )
    .requiredOption('--out <dir>', 'output folder')
    .option('--batch <n>', 'images per generator run', '4')
    .option('--preview-size <px>', PREVIEW_SIZE_HELP)
    .action(
      async (o: {
        models: string;
        seeds: string;
        truncation: string;
        out: string;
        batch: string;
        previewSize?: string;
      }) => {
        const seeds = parseSeeds(o.seeds);
        const psi = numberFlag(P.generateImages, 'truncation', '--truncation', o.truncation);
        const batch = parseNumber('--batch', o.batch, 1, 64);
        await mkdir(o.out, { recursive: true });
        const engine = await Engine.open(o.models);
        const bar = new Progress('generating');
        try {
          const render = previewSize(engine, o.previewSize);
          for (let start = 0; start < seeds.length; start += batch) {
            const chunk = seeds.slice(start, start + batch);
            bar.update(start, seeds.length);
            const result = await engine.generate(chunk, psi, render);
            for (let i = 0; i < chunk.length; i++) {
              const name = `seed${String(chunk[i]).padStart(4, '0')}`;
              await writePng(
                join(o.out, `${name}.png`),
                tensorToRgb8(result.images.data, result.images.shape, { index: i }),
              );
              await writeArray(join(o.out, `${name}.wplus.npy`), rows(result.wplus, i, i + 1));
            }
          }
          bar.done(
            `${seeds.length} image(s) written to ${o.out}` +
              (render.resolution ? ` (preview size ${render.resolution} px)` : ''),
          );
        } finally {
          await engine.close();
        }
      },
    );
}
