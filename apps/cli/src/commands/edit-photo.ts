import { join } from 'node:path';
import type { Engine } from '@styleclip/editing';
import { latentRow } from '@styleclip/editing';
import { alphaName, writeGlobalResult, writeMapperResult } from './edit-output';
import { faceDir, invertPhotoFile, selectFaces, writePasted, type PhotoFlags } from './photo-input';

/** Flags of `edit global|mapper` that say what to edit: a seed, a latent, or faces of a photo. */
export interface EditPhotoFlags extends Partial<PhotoFlags> {
  seed?: string;
  latent?: string;
  face?: string;
  pasteBack?: boolean;
  maxFaces: string;
  minScore: string;
}

/**
 * `edit global --photo FILE [--face N|all] [--paste-back]`: the faces are found and inverted as `invert` does;
 * each selected face is edited from its W+ and written to `face<i>/` (as an edit of a seed is written); with
 * --paste-back, `pasted_<alpha>.png` is the photo with every selected face pasted back, one per α.
 */
export async function editPhotoGlobal(
  engine: Engine,
  o: EditPhotoFlags & { neutral: string; target: string; out: string; photo?: string },
  p: { alphas: number[]; beta: number | 'auto' },
): Promise<void> {
  const { photo, inverted } = await invertPhotoFile(engine, { ...o, photo: o.photo! });
  const faces = selectFaces(o.face ?? 'all', inverted.faces.length);
  const results = [];
  for (const i of faces) {
    const r = await engine.edit.global({
      latent: { wplus: latentRow(inverted.wplus, i) },
      text: { neutral: o.neutral, target: o.target },
      alphas: p.alphas,
      beta: p.beta,
    });
    await writeGlobalResult(faceDir(o.out, i), p.alphas, r);
    results.push({ face: i, images: r.images });
    if (i === faces[0]) console.log(`channels manipulated: ${r.kept} (β = ${r.beta})`);
  }
  if (o.pasteBack) {
    for (const [row, alpha] of p.alphas.entries()) {
      const edits = results.map((r) => ({ face: r.face, images: r.images, row }));
      await writePasted(
        join(o.out, `pasted_${alphaName(alpha)}.png`),
        photo,
        inverted,
        edits,
        engine.faces.inputSize,
      );
    }
  }
  console.log(
    `face(s) ${faces.join(', ')} of ${inverted.faces.length} edited: face<i>/ written to ${o.out}` +
      (o.pasteBack ? `, and the photo with them pasted back (pasted_<alpha>.png)` : ''),
  );
}

/** `edit mapper --photo FILE [--face N|all] [--paste-back]`: as `editPhotoGlobal`, with `pasted.png`. */
export async function editPhotoMapper(
  engine: Engine,
  o: EditPhotoFlags & { out: string; photo?: string },
  p: { mapper: string; strength: number },
): Promise<void> {
  const { photo, inverted } = await invertPhotoFile(engine, { ...o, photo: o.photo! });
  const faces = selectFaces(o.face ?? 'all', inverted.faces.length);
  const results = [];
  for (const i of faces) {
    const wplus = latentRow(inverted.wplus, i);
    const r = await engine.edit.mapper({ wplus, mapper: p.mapper, strength: p.strength });
    await writeMapperResult(faceDir(o.out, i), latentRow(inverted.images, i), r);
    results.push({ face: i, images: r.images, row: 0 });
  }
  if (o.pasteBack)
    await writePasted(join(o.out, 'pasted.png'), photo, inverted, results, engine.faces.inputSize);
  console.log(
    `mapper ${p.mapper} (strength ${p.strength}) on face(s) ${faces.join(', ')}: face<i>/ written to ${o.out}` +
      (o.pasteBack ? ', and the photo with them pasted back (pasted.png)' : ''),
  );
}
