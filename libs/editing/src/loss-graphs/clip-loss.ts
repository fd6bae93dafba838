import type { ClipEntry } from '@styleclip/model-sets';
import { areaDownsampleGraph, CLIP_LOSS_UPSAMPLE } from '@styleclip/imaging';
import {
  div,
  importOnnx,
  matmul,
  mul,
  reduceL2,
  sub,
  transpose,
  type Graph,
  type OnnxModel,
  type Tensor,
} from '@styleclip/onnx-graph';
import { EngineError } from '../components';

/** `logit_scale` of the released CLIP models (ln 100), for model sets built before the manifest kept it. */
export const RELEASED_LOGIT_SCALE = Math.log(100);

/** exp(logit_scale) as CLIP computes it in float32. */
export const logitScaleFactor = (clip: ClipEntry): number =>
  Math.fround(Math.exp(Math.fround(clip.logitScale ?? RELEASED_LOGIT_SCALE)));

/** x / ‖x‖ along the last axis (CLIP's `features / features.norm(dim=1, keepdim=True)`). */
export const l2Normalize = (x: Tensor): Tensor => div(x, reduceL2(x, [x.rank - 1], true));

/** Checks that the loss path's pooling lands exactly on CLIP's input size (the official S/32 kernel for 224). */
export function checkClipLossSize(size: number, clip: ClipEntry): void {
  const r = clip.config.imageResolution;
  if ((size * CLIP_LOSS_UPSAMPLE) % r !== 0) {
    throw new EngineError(
      `the CLIP loss pools the ${CLIP_LOSS_UPSAMPLE}× upsampled ${size}px image to CLIP's ${r}px: ${CLIP_LOSS_UPSAMPLE}·${size} must be a multiple of ${r}`,
      'unsupported_model',
    );
  }
}

/**
 * StyleCLIP's `CLIPLoss` (criteria/clip_loss.py) on raw generator images [N,3,S,S]: nearest ×7 upsample and
 * average pool to CLIP's resolution (kernel S/32 for 224; as A·X·Aᵀ, no 7S² intermediate), **no clamp, no
 * [0,1] rescale, no CLIP mean/std**, the imported image encoder, then 1 − exp(logit_scale)·cos(image, text)/100
 * as `CLIP.forward` computes the logits: [N,1]. `text` is the raw text embedding [1,E] (normalized here).
 */
export function clipLoss(
  g: Graph,
  image: Tensor,
  text: Tensor,
  clip: { entry: ClipEntry; model: OnnxModel },
): Tensor {
  const size = image.shape[2];
  if (typeof size !== 'number') throw new EngineError('clipLoss: the image size must be static', 'bad_shape');
  checkClipLossSize(size, clip.entry);
  const pooled = areaDownsampleGraph(g, image, clip.entry.config.imageResolution);
  const embedding = importOnnx(g, clip.model, { inputs: { image: pooled }, prefix: 'clip_image/' })[
    'embedding'
  ]!;
  const logits = matmul(
    mul(l2Normalize(embedding), logitScaleFactor(clip.entry)),
    transpose(l2Normalize(text), [1, 0]),
  );
  return sub(1, div(logits, 100));
}
