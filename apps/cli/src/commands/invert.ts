import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Engine, latentRow } from '@styleclip/editing';
import { tensorToRgb8, writePng } from '@styleclip/imaging';
import { writeArray } from '../npy-io';
import { optionDefault, P } from '../parameters';
import { invertPhotoFile, PHOTO_OPTION_HELP, type PhotoFlags } from './photo-input';

/**
 * `styleclip invert --models DIR --photo FILE --out DIR`: the photo pipeline of the product on one photo. Per face
 * `face<i>_aligned.png` (the aligned crop the encoder sees), `face<i>_wplus.npy` (W+ [1,L,D], latent_avg added)
 * and `face<i>_reconstruction.png` (the generator's image of it, pooled to the crop size as pSp does), and
 * `faces.json` with the photo's size and every face's box, score, 68 landmarks, quad and file names.
 */
export function registerInvert(program: Command): void {
  program
    .command('invert')
    .description(
      'find the faces of a photo (dlib), align them (FFHQ/e4e), invert them with the encoder (W+) and reconstruct them',
    )
    .requiredOption('--models <dir>', 'model set folder (needs an encoder: "models import --encoder e4e.pt")')
    .requiredOption('--photo <file>', 'photo (png, jpeg or webp)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--predictor <file>', PHOTO_OPTION_HELP.predictor)
    .option('--max-faces <n>', PHOTO_OPTION_HELP.maxFaces, optionDefault(P.invertPhoto, 'maxFaces'))
    .option('--min-score <s>', PHOTO_OPTION_HELP.minScore, optionDefault(P.invertPhoto, 'minScore'))
    .action(async (o: PhotoFlags & { models: string; out: string }) => {
      const engine = await Engine.open(o.models);
      try {
        const { photo, inverted } = await invertPhotoFile(engine, o);
        await mkdir(o.out, { recursive: true });
        const faces = [];
        for (const f of inverted.faces) {
          const files = {
            aligned: `face${f.index}_aligned.png`,
            wplus: `face${f.index}_wplus.npy`,
            reconstruction: `face${f.index}_reconstruction.png`,
          };
          const a = f.alignment.image;
          await writePng(join(o.out, files.aligned), { rgb: a.data, width: a.width, height: a.height });
          await writeArray(join(o.out, files.wplus), latentRow(inverted.wplus, f.index));
          const rec = tensorToRgb8(inverted.pooled.data, inverted.pooled.shape, { index: f.index });
          await writePng(join(o.out, files.reconstruction), rec);
          faces.push({
            index: f.index,
            box: f.box,
            score: f.score,
            landmarks: f.landmarks,
            quad: f.alignment.quad,
            ...files,
          });
        }
        const summary = {
          width: photo.width,
          height: photo.height,
          detected: inverted.detected,
          upsample: inverted.upsample,
          alignSize: engine.faces.inputSize,
          faces,
        };
        await writeFile(join(o.out, 'faces.json'), JSON.stringify(summary, null, 1) + '\n');
        console.log(
          `${faces.length} face(s) inverted (${inverted.detected} detected): aligned crops, W+ (.npy), reconstructions and faces.json written to ${o.out}`,
        );
      } finally {
        await engine.close();
      }
    });
}
