import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isStorageError, MAX_PARTS, MIN_PART_BYTES } from '@styleclip/storage';
import { loadModelSet, MANIFEST_FILE, type FileRef } from '@styleclip/model-sets';
import { checkAborted, ModelSetTransferError } from './errors';
import { pool, type FileOutcome, type TransferProgress, type TransferResult } from './progress';
import { checkManifestForTransfer, MANIFEST_MAX_BYTES, transferFailure, type RemoteSet } from './remote-set';
import { UploadJournals } from './upload-journal';

export interface PushOptions {
  onProgress?: (p: TransferProgress) => void;
  /** Stops the push (between parts); parts S3 acknowledged stay in the journal for the next run. */
  signal?: AbortSignal;
  /** Files sent at once (default 4). */
  concurrency?: number;
  /** Multipart part size (default 16 MiB, at least 5 MiB, raised for files over 10000 parts); smaller files are one PUT. */
  partSize?: number;
  /** Where unfinished uploads are remembered (default: `<tmp>/styleclip-push`). */
  journals?: UploadJournals;
}

/** The object metadata that says which content an object holds (compared before sending a file again). */
const SHA256_META = 'sha256';
const DEFAULT_PART = 16 * 1024 * 1024;

const partSizeFor = (bytes: number, wanted: number): number => {
  const min = Math.ceil(bytes / MAX_PARTS / (1024 * 1024)) * 1024 * 1024;
  return Math.max(wanted, min, MIN_PART_BYTES);
};

/**
 * Pushes the model set in folder `dir` to `remote` (`s3://bucket/prefix/`: the set's files under the prefix, by
 * their paths in the manifest). Each file is hashed as it is read and sent only when it matches the manifest (a
 * damaged local set is refused, naming the file and both hashes); files already in the bucket with the same size
 * and sha256 (object metadata) are skipped. Files above one part go as multipart uploads whose acknowledged parts
 * are journaled, so an interrupted push continues with the parts still missing; an object appears only when its
 * upload completes. `manifest.json` is written last, and a different manifest already there is deleted first: the
 * remote set is complete whenever it has a manifest.
 */
export async function pushModelSet(
  dir: string,
  remote: RemoteSet,
  o: PushOptions = {},
): Promise<TransferResult> {
  const t0 = performance.now();
  let manifestBytes: Buffer;
  try {
    await loadModelSet(dir); // a readable set with a valid manifest, or a clear error
    manifestBytes = await readFile(join(dir, MANIFEST_FILE));
  } catch (e) {
    throw new ModelSetTransferError('invalid', (e as Error).message, { cause: e });
  }
  const { manifest, files, total } = checkManifestForTransfer(manifestBytes, `${dir}/`);
  const journals = o.journals ?? new UploadJournals();
  const manifestKey = `${remote.prefix}${MANIFEST_FILE}`;

  try {
    const there = await remote.objects.get(manifestKey, { maxBytes: MANIFEST_MAX_BYTES });
    // Another version is there: it stops being a set (no manifest) while its files are replaced.
    if (there && !Buffer.from(there).equals(manifestBytes)) await remote.objects.delete(manifestKey);
  } catch (e) {
    throw transferFailure(`reading ${remote.url}${MANIFEST_FILE}`, e);
  }

  let done = 0;
  let transferred = 0;
  const report = (file: string, step: TransferProgress['step'], add: number) => {
    done += add;
    o.onProgress?.({ done, total, file, step });
  };
  const inner = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, inner.signal]) : inner.signal;
  const outcomes = await pool(files, o.concurrency ?? 4, async (ref): Promise<FileOutcome> => {
    try {
      checkAborted(signal, `pushing ${dir}`);
      const key = `${remote.prefix}${ref.path}`;
      const info = await remote.objects.head(key).catch((e: unknown) => {
        throw transferFailure(`reading ${remote.url}${ref.path}`, e);
      });
      if (info && info.size === ref.bytes && info.metadata[SHA256_META] === ref.sha256) {
        report(ref.path, 'verified', ref.bytes);
        return { path: ref.path, bytes: ref.bytes, action: 'kept' };
      }
      const path = join(dir, ref.path);
      const partSize = partSizeFor(ref.bytes, o.partSize ?? DEFAULT_PART);
      const step = (n: number, s: TransferProgress['step']) => {
        if (s === 'transferring') transferred += n;
        report(ref.path, s, n);
      };
      return ref.bytes <= partSize
        ? await putWhole(remote, ref, path, key, step)
        : await putMultipart(remote, ref, path, key, { partSize, journals, signal, step });
    } catch (e) {
      inner.abort();
      throw e;
    }
  });

  try {
    await remote.objects.put(manifestKey, manifestBytes, {
      contentType: 'application/json',
      metadata: { [SHA256_META]: createHash('sha256').update(manifestBytes).digest('hex') },
    });
  } catch (e) {
    throw transferFailure(`writing ${remote.url}${MANIFEST_FILE}`, e);
  }
  return {
    id: manifest.id,
    files: outcomes,
    transferredBytes: transferred,
    totalBytes: total,
    ms: performance.now() - t0,
  };
}

const damaged = (path: string, actual: string, bytes: number, ref: FileRef) =>
  new ModelSetTransferError(
    'corrupt',
    `${path}: sha256 ${actual} (${bytes} bytes), but the manifest says ${ref.sha256} (${ref.bytes} bytes); not pushing a damaged set (rebuild or re-import it)`,
  );

async function putWhole(
  remote: RemoteSet,
  ref: FileRef,
  path: string,
  key: string,
  step: (n: number, s: TransferProgress['step']) => void,
): Promise<FileOutcome> {
  const bytes = await readFile(path);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== ref.sha256 || bytes.length !== ref.bytes) throw damaged(path, actual, bytes.length, ref);
  try {
    await remote.objects.put(key, bytes, { metadata: { [SHA256_META]: ref.sha256 } });
  } catch (e) {
    throw transferFailure(`uploading ${remote.url}${ref.path}`, e);
  }
  step(bytes.length, 'transferring');
  step(0, 'done');
  return { path: ref.path, bytes: ref.bytes, action: 'transferred' };
}

async function putMultipart(
  remote: RemoteSet,
  ref: FileRef,
  path: string,
  key: string,
  o: {
    partSize: number;
    journals: UploadJournals;
    signal: AbortSignal;
    step: (n: number, s: TransferProgress['step']) => void;
  },
): Promise<FileOutcome> {
  const { objects } = remote;
  const url = `${remote.url}${ref.path}`;
  const want = { bucket: objects.bucket, key, sha256: ref.sha256, bytes: ref.bytes, partSize: o.partSize };
  let journal = await o.journals.find(want);
  const resumedParts = journal ? Object.keys(journal.parts).length : 0;
  try {
    journal ??= {
      ...want,
      uploadId: await objects.createMultipartUpload(key, { metadata: { [SHA256_META]: ref.sha256 } }),
      parts: {},
    };
    await o.journals.save(journal);
  } catch (e) {
    throw transferFailure(`starting the upload of ${url}`, e);
  }
  const fh = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const count = Math.ceil(ref.bytes / o.partSize);
    let resumedAt = 0;
    for (let n = 1; n <= count; n++) {
      checkAborted(o.signal, `pushing ${url}`);
      const length = Math.min(o.partSize, ref.bytes - (n - 1) * o.partSize);
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, (n - 1) * o.partSize);
      if (bytesRead !== length) throw damaged(path, '(file shorter than the manifest says)', bytesRead, ref);
      hash.update(buf);
      if (journal.parts[n] !== undefined) {
        resumedAt += length; // acknowledged by an earlier run: read for the hash, not sent again
        o.step(length, 'verified');
        continue;
      }
      try {
        journal.parts[n] = await objects.uploadPart(key, journal.uploadId, n, buf);
      } catch (e) {
        if (isStorageError(e, 'not_found') && resumedParts > 0) {
          // The upload we were continuing is gone (aborted, or expired by the bucket's lifecycle): start over.
          await o.journals.drop(objects.bucket, key);
          await fh.close();
          return await putMultipart(remote, ref, path, key, o);
        }
        throw transferFailure(`uploading part ${n} of ${count} of ${url}`, e);
      }
      await o.journals.save(journal);
      o.step(length, 'transferring');
    }
    const actual = hash.digest('hex');
    if (actual !== ref.sha256) {
      await objects.abortMultipartUpload(key, journal.uploadId).catch(() => undefined);
      await o.journals.drop(objects.bucket, key);
      throw damaged(path, actual, ref.bytes, ref);
    }
    try {
      await objects.completeMultipartUpload(
        key,
        journal.uploadId,
        Array.from({ length: count }, (_, i) => ({ partNumber: i + 1, etag: journal!.parts[i + 1]! })),
      );
    } catch (e) {
      throw transferFailure(`completing the upload of ${url}`, e);
    }
    await o.journals.drop(objects.bucket, key);
    o.step(0, 'done');
    return resumedAt > 0
      ? { path: ref.path, bytes: ref.bytes, action: 'resumed', resumedAt }
      : { path: ref.path, bytes: ref.bytes, action: 'transferred' };
  } finally {
    await fh.close().catch(() => undefined);
  }
}
