import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Engine } from '@styleclip/editing';
import { hstack, tensorToRgb8, writePng } from '@styleclip/imaging';
import { writeArray } from '../npy-io';
import { numberFlag, numberListFlag, optionDefault, P } from '../parameters';
import { latentFrom } from './latent-input';
import { PREVIEW_SIZE_HELP, previewSize } from './preview-size';

export const parseBeta = (text: string): number | 'auto' =>
  text === 'auto' ? 'auto' : numberFlag(P.editGlobal, 'beta', '--beta', text);

export const parseAlphas = (text: string): number[] =>
  numberListFlag(P.editGlobal, 'alphas', '--alpha', text);

const alphaName = (a: number) => `alpha_${a >= 0 ? '+' : '-'}${Math.abs(a).toFixed(2)}`;

export function registerEdit(program: Command): void {
  const edit = program
    .command('edit')
    .description('edit a face with text (global directions) or a latent mapper');

  edit
    .command('global')
    .description('global-direction edit: Δt from the text pair → Δs via fs3 and β → s + α·Δs')
    .requiredOption('--models <dir>', 'model set folder (needs CLIP and directions)')
    .option('--seed <n>', 'edit the face of this seed')
    .option('--latent <file>', 'or edit this W+ latent (.npy)')
    .option('--truncation <psi>', 'truncation for --seed', optionDefault(P.generateImages, 'truncation'))
    .requiredOption('--neutral <text>', 'neutral description, e.g. "face"')
    .requiredOption('--target <text>', 'target description, e.g. "face with blue eyes"')
    .option(
      '--alpha <list>',
      'strength(s), comma-separated: one image each, in one batch',
      optionDefault(P.editGlobal, 'alphas'),
    )
    .option(
      '--beta <beta>',
      'disentanglement threshold in [0,1], or auto',
      optionDefault(P.editGlobal, 'beta'),
    )
    .option('--preview-size <px>', PREVIEW_SIZE_HELP)
    .requiredOption('--out <dir>', 'output folder')
    .action(
      async (o: {
        models: string;
        seed?: string;
        latent?: string;
        truncation: string;
        neutral: string;
        target: string;
        alpha: string;
        beta: string;
        previewSize?: string;
        out: string;
      }) => {
        const alphas = parseAlphas(o.alpha);
        const beta = parseBeta(o.beta);
        const engine = await Engine.open(o.models);
        try {
          const render = previewSize(engine, o.previewSize);
          const wplus = await latentFrom(engine, o);
          const r = await engine.edit.global({
            latent: { wplus },
            text: { neutral: o.neutral, target: o.target },
            alphas,
            beta,
            ...render,
          });
          await mkdir(o.out, { recursive: true });
          const frames = alphas.map((_, i) => tensorToRgb8(r.images.data, r.images.shape, { index: i }));
          for (let i = 0; i < alphas.length; i++)
            await writePng(join(o.out, `${alphaName(alphas[i]!)}.png`), frames[i]!);
          await writePng(join(o.out, 'strip.png'), hstack(frames, { gap: 4 }));
          await writeArray(join(o.out, 'edited_s.npy'), r.s);
          console.log(`channels manipulated: ${r.kept} (β = ${r.beta})`);
          console.log(
            `top channels: ${r.top
              .slice(0, 5)
              .map((t) => `${t.layerName ?? t.layer}[${t.channel}] ${t.weight.toFixed(3)}`)
              .join(', ')}`,
          );
          for (const t of r.truncatedPrompts)
            process.stderr.write(`warning: a template of "${t.slice(0, 40)}" was truncated\n`);
          console.log(
            `${alphas.length} image(s) and strip.png written to ${o.out}` +
              (render.resolution ? ` (preview size ${render.resolution} px)` : ''),
          );
        } finally {
          await engine.close();
        }
      },
    );

  edit
    .command('mapper')
    .description('latent-mapper edit: w + strength·0.1·M(w)')
    .requiredOption('--models <dir>', 'model set folder')
    .option('--seed <n>', 'edit the face of this seed')
    .option('--latent <file>', 'or edit this W+ latent (.npy)')
    .option('--truncation <psi>', 'truncation for --seed', optionDefault(P.generateImages, 'truncation'))
    .requiredOption('--mapper <name>', 'mapper of the model set')
    .option('--strength <s>', 'multiplier of the mapper residual', optionDefault(P.editMapper, 'strength'))
    .option('--preview-size <px>', PREVIEW_SIZE_HELP)
    .requiredOption('--out <dir>', 'output folder')
    .action(
      async (o: {
        models: string;
        seed?: string;
        latent?: string;
        truncation: string;
        mapper: string;
        strength: string;
        previewSize?: string;
        out: string;
      }) => {
        const strength = numberFlag(P.editMapper, 'strength', '--strength', o.strength);
        const engine = await Engine.open(o.models);
        try {
          const render = previewSize(engine, o.previewSize);
          const wplus = await latentFrom(engine, o);
          const r = await engine.edit.mapper({ wplus, mapper: o.mapper, strength, ...render });
          const before = await engine.components.generate(wplus, render);
          await mkdir(o.out, { recursive: true });
          const edited = tensorToRgb8(r.images.data, r.images.shape);
          await writePng(join(o.out, 'edited.png'), edited);
          await writePng(
            join(o.out, 'before_after.png'),
            hstack([tensorToRgb8(before.data, before.shape), edited], { gap: 4 }),
          );
          await writeArray(join(o.out, 'edited_wplus.npy'), r.wplus);
          console.log(
            `mapper ${o.mapper} (strength ${strength}): edited.png, before_after.png and edited_wplus.npy written to ${o.out}`,
          );
        } finally {
          await engine.close();
        }
      },
    );
}
