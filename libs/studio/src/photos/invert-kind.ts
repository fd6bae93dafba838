import { z } from 'zod';
import { StudioError } from '../errors';
import { PARAMETERS } from '../parameters/schema';
import type { JobKind } from '../jobs/kinds';
import { INVERT_PHOTO, type InvertPhotoResult, type PhotoService } from './service';

const params = PARAMETERS.invertPhoto.extend({ imageId: z.string().min(1).max(64) });
export type InvertPhotoParams = z.output<typeof params>;

/**
 * INVERT_PHOTO: finds, aligns and inverts the faces of an uploaded photo (`PhotoService.run`). Submitted when an
 * upload completes on a model set with an encoder, and by `invertPhoto`. A job rather than part of the upload
 * request: a 16-megapixel group photo with 16 faces at 1024 is about a minute of CPU (detection a few seconds,
 * each face an encoder run and a full-size render), so it gets progress, cancel, workers and resumption; a photo
 * with one face is done in about a second here. One job per photo at a time; everything it stores is
 * content-addressed or overwritten whole, so a run that is interrupted simply runs again.
 */
export function invertPhotoKind(photos: () => PhotoService): JobKind<InvertPhotoParams, InvertPhotoResult> {
  return {
    name: INVERT_PHOTO,
    params,
    exclusiveKey: (job) => `photo:${(job.params as { imageId?: string }).imageId}`,
    async check(job) {
      if (!(await photos().canInvert(job.modelSetId))) {
        throw new StudioError(
          'INVERSION_NOT_CONFIGURED',
          `model set ${job.modelSetId} has no encoder; import one with "models import --encoder e4e.pt"`,
        );
      }
    },
    run: (ctx) => {
      const { imageId, ...settings } = ctx.params;
      return photos().run(imageId, settings, {
        signal: ctx.signal,
        jobId: ctx.job.id,
        progress: (phase, done, total, progress) => ctx.progress({ phase, done, total, progress }),
      });
    },
  };
}
