import { contentTypeForKey, isStorageError } from '@styleclip/storage';
import { DamagedRecords } from '../damaged-records';
import { isId } from '../ids';
import { badInput, notFound } from '../errors';
import type { Logger } from '../log';
import type { EditRecord, ImageRecord } from '../records';
import { INDEX, type Storage } from '../storage';
import type { ImageService } from './images';
import { ReferenceBackfill } from './reference-backfill';

/** What a deletion removed. */
export interface Deletion {
  /** Images: the one asked for (or none, for an edit) and the results of every edit removed with it. */
  images: number;
  edits: number;
  /** Content blobs (PNGs, latents) no record referred to any more. */
  files: number;
}

const BUCKETS = ['base', 'generated', 'uploaded', 'edited'] as const;

/** A read whose record may be damaged: 'damaged' then (other failures, e.g. storage down, are thrown). */
async function readable<T>(read: Promise<T>): Promise<T | 'damaged'> {
  try {
    return await read;
  } catch (e) {
    if (DamagedRecords.is(e)) return 'damaged';
    throw e;
  }
}

/**
 * Deleting images and edits, and what only they referred to. An image goes with its edits; an edit with its
 * results (images, which go with their own edits). Each record disappears first (it is what makes something
 * visible), then its index entries, then its blobs, each only when no other holder refers to it (reference
 * markers, see `Storage.putContent`): blobs are content-addressed, so the same seed generated twice, or the same
 * edit made twice, share them.
 *
 * Concurrency: a writer marks its reference before writing a blob, and the deleter looks for references again
 * after removing one (putting it back if a holder appeared meanwhile), so a blob in use is never lost. An edit
 * committed while its base image is being deleted is found by the deleter's second look at the image's edits, or
 * notices the image is gone and removes itself (EditService.commit): no edit outlives its image.
 */
export class DeletionService {
  private readonly backfill: ReferenceBackfill;

  constructor(
    private readonly storage: Storage,
    private readonly images: ImageService,
    private readonly log: Logger,
  ) {
    this.backfill = new ReferenceBackfill(storage, log);
  }

  /** Deletes an image with its edits (and their results), and the blobs nothing else refers to. */
  async deleteImage(id: string): Promise<Deletion> {
    const done: Deletion = { images: 0, edits: 0, files: 0 };
    await this.backfill.ensure();
    const image = await readable(this.images.get(id));
    if (!image) throw notFound('image', id);
    // An edit's result goes with its edit: deleting it alone would leave the edit pointing at nothing.
    if (
      image !== 'damaged' &&
      image.parentEditId &&
      (await readable(this.images.getEdit(image.parentEditId)))
    ) {
      throw badInput(
        `image ${id} is a result of edit ${image.parentEditId}; delete that edit (deleteEdit) to remove its results`,
        { editId: image.parentEditId },
      );
    }
    // A damaged record can be deleted too; what it referred to cannot be known, so its blobs stay.
    await this.removeImage(id, image === 'damaged' ? undefined : image, done);
    return done;
  }

  /** Deletes an edit with its results (and their own edits), and the blobs nothing else refers to. */
  async deleteEdit(id: string): Promise<Deletion> {
    const done: Deletion = { images: 0, edits: 0, files: 0 };
    await this.backfill.ensure();
    const edit = await readable(this.images.getEdit(id));
    if (!edit) throw notFound('edit', id);
    if (edit === 'damaged') {
      await this.storage.records.delete('edit', id);
      done.edits++;
    } else await this.removeEdit(edit, done);
    return done;
  }

  private async removeImage(id: string, image: ImageRecord | undefined, done: Deletion): Promise<void> {
    await this.removeEditsOf(id, done);
    // An uploaded photo takes its faces (images with their edits) and its photo record with it.
    if (image?.upload) await this.removePhoto(id, done);
    await this.storage.records.delete('image', id);
    done.images++;
    // Edits committed while this ran (their commit saw the image still there) go too.
    await this.removeEditsOf(id, done);
    const keys = image ? this.images.galleryKeys(image) : BUCKETS.map((b) => INDEX.images(b) + id);
    await Promise.all(keys.map((k) => this.storage.blobs.delete(k)));
    if (!image) return;
    if (image.upload) {
      const hash = await readable(this.storage.records.get('image-hash', image.upload.sha256));
      if (hash !== 'damaged' && hash?.value.imageId === id)
        await this.storage.records.delete('image-hash', image.upload.sha256);
    }
    done.files += await this.release(image.png.sha256, id, [image.png.key]);
    const latentId = image.latentId;
    if (!latentId) return;
    const latent = await readable(this.images.getLatent(latentId));
    if (latent === 'damaged') return; // its blob stays (the record cannot say which it is)
    done.files += await this.release(latentId, id, latent ? [latent.npy.key] : [], {
      drop: () => this.storage.records.delete('latent', latentId),
      restore: async () => {
        if (latent) await this.storage.records.put('latent', latent.id, latent);
      },
    });
  }

  /**
   * The faces of photo `id` (each an image: removed with its edits) and the photo record; the aligned crops are
   * released by the photo. The inversions (the cache, by content) keep their own latents and renders.
   */
  private async removePhoto(id: string, done: Deletion): Promise<void> {
    const photo = await readable(this.storage.records.get('photo', id));
    if (photo && photo !== 'damaged') {
      for (const face of photo.value.faces) {
        const image = await readable(this.images.get(face.imageId));
        if (image) await this.removeImage(face.imageId, image === 'damaged' ? undefined : image, done);
        done.files += await this.release(face.aligned.sha256, `photo-${id}`, [face.aligned.key]);
      }
    }
    if (photo) await this.storage.records.delete('photo', id);
  }

  /** Every edit listed for an image (all pages), removed. */
  private async removeEditsOf(imageId: string, done: Deletion): Promise<void> {
    const prefix = INDEX.edits(imageId);
    for (;;) {
      const { names } = await this.storage.listIndex(prefix, undefined, 100);
      if (names.length === 0) return;
      for (const editId of names) {
        const edit = isId(editId) ? await readable(this.images.getEdit(editId)) : undefined;
        if (edit === 'damaged') {
          await this.storage.records.delete('edit', editId);
          done.edits++;
        } else if (edit) await this.removeEdit(edit, done);
        await this.storage.blobs.delete(prefix + editId);
      }
    }
  }

  private async removeEdit(edit: EditRecord, done: Deletion): Promise<void> {
    await this.storage.records.delete('edit', edit.id);
    done.edits++;
    const method = edit.method === 'GLOBAL' ? 'global' : 'mapper';
    await Promise.all(
      [INDEX.edits(edit.imageId) + edit.id, `${INDEX.methods(method)}${edit.imageId}.${edit.id}`].map((k) =>
        this.storage.blobs.delete(k),
      ),
    );
    for (const r of edit.results) {
      const result = await readable(this.images.get(r.imageId));
      if (result) await this.removeImage(r.imageId, result === 'damaged' ? undefined : result, done);
    }
  }

  /**
   * Drops `holder`'s reference to content `sha256`, and the content itself when no holder is left: the blob keys
   * (and `o.drop`, e.g. its latent record). If a holder appears while it is removed, what was removed is put back
   * (`o.restore` for the rest). Returns how many blobs were removed for good.
   */
  private async release(
    sha256: string,
    holder: string,
    keys: readonly string[],
    o: { drop?: () => Promise<void>; restore?: () => Promise<void> } = {},
  ): Promise<number> {
    await this.storage.blobs.delete(INDEX.refs(sha256) + holder);
    if (await this.storage.referenced(sha256)) return 0;
    const saved = await Promise.all(
      keys.map(async (k) => {
        try {
          const bytes = await this.storage.blobs.get(k);
          return { key: k, bytes, exists: bytes !== undefined };
        } catch (e) {
          // A damaged blob is deleted all the same (there is nothing worth putting back).
          if (isStorageError(e, 'content_mismatch')) return { key: k, bytes: undefined, exists: true };
          throw e;
        }
      }),
    );
    await o.drop?.();
    await Promise.all(keys.map((k) => this.storage.blobs.delete(k)));
    if (await this.storage.referenced(sha256)) {
      // A writer marked a new reference meanwhile: put everything back (its own write may come later; same bytes).
      await Promise.all(
        saved.map((s) =>
          s.bytes
            ? this.storage.blobs.put(s.key, s.bytes, { contentType: contentTypeForKey(s.key) })
            : undefined,
        ),
      );
      await o.restore?.();
      this.log.info({ sha256 }, 'a blob gained a reference while being deleted; kept');
      return 0;
    }
    return saved.filter((s) => s.exists).length;
  }
}
