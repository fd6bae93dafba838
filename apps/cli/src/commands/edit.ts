import type { Command } from 'commander';
import { Engine } from '@styleclip/editing';
import { CliError } from '../errors';
import { numberFlag, numberListFlag, optionDefault, P } from '../parameters';
import { editPhotoGlobal, editPhotoMapper, type EditPhotoFlags } from './edit-photo';
import { writeGlobalResult, writeMapperResult } from './edit-output';
import { latentFrom } from './latent-input';
import { PHOTO_OPTION_HELP } from './photo-input';
import { PREVIEW_SIZE_HELP, previewSize } from './preview-size';

export const parseBeta = (text: string): number | 'auto' =>
  text === 'auto' ? 'auto' : numberFlag(P.editGlobal, 'beta', '--beta', text);

export const parseAlphas = (text: string): number[] =>
  numberListFlag(P.editGlobal, 'alphas', '--alpha', text);

/** The photo options of `edit global` and `edit mapper` (see `edit-photo.ts`). */
function photoOptions(c: Command): Command {
  return c
    .option(
      '--photo <file>',
      'or edit the faces of this photo (found, aligned and inverted with the encoder)',
    )
    .option('--face <n|all>', 'with --photo: which face (index in faces.json of "invert"), or all (default)')
    .option('--paste-back', 'with --photo: also write the photo with the edited face(s) pasted back')
    .option('--predictor <file>', PHOTO_OPTION_HELP.predictor)
    .option('--max-faces <n>', PHOTO_OPTION_HELP.maxFaces, optionDefault(P.invertPhoto, 'maxFaces'))
    .option('--min-score <s>', PHOTO_OPTION_HELP.minScore, optionDefault(P.invertPhoto, 'minScore'));
}

/** --face and --paste-back mean nothing without --photo. */
function checkPhotoFlags(o: EditPhotoFlags): void {
  if (!o.photo && (o.face !== undefined || o.pasteBack))
    throw new CliError('--face and --paste-back apply to the faces of a photo: add --photo FILE');
  const given = [o.seed, o.latent, o.photo].filter((v) => v !== undefined).length;
  if (given !== 1) throw new CliError('give exactly one of --seed N, --latent W.npy or --photo FILE');
}

/** Photo edits render faces at full size (they are pasted back), so a preview size is refused with them. */
function checkPreviewSize(o: EditPhotoFlags & { previewSize?: string }): void {
  if (o.photo && o.previewSize !== undefined)
    throw new CliError('--preview-size applies to --seed and --latent edits, not to --photo');
}

export function registerEdit(program: Command): void {
  const edit = program
    .command('edit')
    .description('edit a face with text (global directions) or a latent mapper');

  const global = edit
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
    .requiredOption('--out <dir>', 'output folder');
  photoOptions(global).action(
    async (
      o: EditPhotoFlags & {
        models: string;
        truncation: string;
        neutral: string;
        target: string;
        alpha: string;
        beta: string;
        previewSize?: string;
        out: string;
      },
    ) => {
      const alphas = parseAlphas(o.alpha);
      const beta = parseBeta(o.beta);
      checkPhotoFlags(o);
      checkPreviewSize(o);
      const engine = await Engine.open(o.models);
      try {
        if (o.photo) return await editPhotoGlobal(engine, o, { alphas, beta });
        const render = previewSize(engine, o.previewSize);
        const wplus = await latentFrom(engine, o);
        const r = await engine.edit.global({
          latent: { wplus },
          text: { neutral: o.neutral, target: o.target },
          alphas,
          beta,
          ...render,
        });
        await writeGlobalResult(o.out, alphas, r);
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

  const mapper = edit
    .command('mapper')
    .description('latent-mapper edit: w + strength·0.1·M(w)')
    .requiredOption('--models <dir>', 'model set folder')
    .option('--seed <n>', 'edit the face of this seed')
    .option('--latent <file>', 'or edit this W+ latent (.npy)')
    .option('--truncation <psi>', 'truncation for --seed', optionDefault(P.generateImages, 'truncation'))
    .requiredOption('--mapper <name>', 'mapper of the model set')
    .option('--strength <s>', 'multiplier of the mapper residual', optionDefault(P.editMapper, 'strength'))
    .option('--preview-size <px>', PREVIEW_SIZE_HELP)
    .requiredOption('--out <dir>', 'output folder');
  photoOptions(mapper).action(
    async (
      o: EditPhotoFlags & {
        models: string;
        truncation: string;
        mapper: string;
        strength: string;
        previewSize?: string;
        out: string;
      },
    ) => {
      const strength = numberFlag(P.editMapper, 'strength', '--strength', o.strength);
      checkPhotoFlags(o);
      checkPreviewSize(o);
      const engine = await Engine.open(o.models);
      try {
        if (o.photo) return await editPhotoMapper(engine, o, { mapper: o.mapper, strength });
        const render = previewSize(engine, o.previewSize);
        const wplus = await latentFrom(engine, o);
        const r = await engine.edit.mapper({ wplus, mapper: o.mapper, strength, ...render });
        const before = await engine.components.generate(wplus, render);
        await writeMapperResult(o.out, before, r);
        console.log(
          `mapper ${o.mapper} (strength ${strength}): edited.png, before_after.png and edited_wplus.npy written to ${o.out}`,
        );
      } finally {
        await engine.close();
      }
    },
  );
}
