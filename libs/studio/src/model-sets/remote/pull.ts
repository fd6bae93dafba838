import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isStorageError } from '@styleclip/storage';
import { MANIFEST_FILE, sha256File, type FileRef } from '@styleclip/model-sets';
import { checkAborted, ModelSetTransferError } from './errors';
import { pool, type FileOutcome, type TransferProgress, type TransferResult } from './progress';
import { checkManifestForTransfer, MANIFEST_MAX_BYTES, transferFailure, type RemoteSet } from './remote-set';

export interface PullOptions {
  onProgress?: (p: TransferProgress) => void;
  /** Stops the pull (between chunks); partial files stay for the next run to continue. */
  signal?: AbortSignal;
  /** Files downloaded (or verified) at once (default 4). */
  concurrency?: number;
  /** Reads of one file from where it stopped after a dropped connection, within one run (default 3). */
  attempts?: number;
}

/** Where a download in progress keeps its bytes and what it is a download of. */
const partialOf = (final: string) => join(dirname(final), `.${basename(final)}.partial`);
const stateOf = (final: string) => `${partialOf(final)}.json`;

interface PartialState {
  /** The remote object's ETag when the download started: a different object means starting over. */
  etag: string;
  sha256: string;
  bytes: number;
}

async function readState(path: string): Promise<PartialState | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PartialState;
  } catch {
    return undefined;
  }
}

/** The hash of a file's first `length` bytes (resuming a download re-reads what is there). */
async function hashPrefix(path: string, length: number, hash: Hash): Promise<void> {
  if (length === 0) return;
  for await (const chunk of createReadStream(path, { start: 0, end: length - 1, highWaterMark: 1 << 22 }))
    hash.update(chunk as Buffer);
}

/**
 * Pulls the model set at `remote` into the folder `dir` (created if needed): files already there with the
 * manifest's sha256 are kept; the others are downloaded to a hidden `.<name>.partial` beside their final name,
 * hashed as they arrive, and renamed into place only when size and sha256 match the manifest (a mismatch is refused
 * with both hashes, and the partial file removed). An interrupted download (signal, dropped connection, killed
 * process) leaves its partial file; the next run hashes what is there and asks for the rest with a ranged GET
 * (unless the remote object changed meanwhile). `manifest.json` is written last, and removed first when the set
 * changes: the folder is a model set only when every file in it is verified.
 */
export async function pullModelSet(
  remote: RemoteSet,
  /** The set's folder, or `{ modelsDir }`: the folder named by the set's id inside it. */
  target: string | { modelsDir: string },
  o: PullOptions = {},
): Promise<TransferResult & { dir: string }> {
  const t0 = performance.now();
  const manifestKey = `${remote.prefix}${MANIFEST_FILE}`;
  let manifestBytes: Uint8Array | undefined;
  try {
    manifestBytes = await remote.objects.get(manifestKey, { maxBytes: MANIFEST_MAX_BYTES });
  } catch (e) {
    throw transferFailure(`reading ${remote.url}${MANIFEST_FILE}`, e);
  }
  if (!manifestBytes)
    throw new ModelSetTransferError(
      'not_found',
      `no model set at ${remote.url} (no ${MANIFEST_FILE} there); push one with "styleclip models push --models DIR --to ${remote.url}"`,
    );
  const { manifest, files, total } = checkManifestForTransfer(manifestBytes, remote.url);
  const dir = typeof target === 'string' ? target : join(target.modelsDir, manifest.id);
  await mkdir(dir, { recursive: true });
  const localManifest = join(dir, MANIFEST_FILE);
  const sameManifest = await readFile(localManifest).then(
    (b) => b.equals(Buffer.from(manifestBytes)),
    () => false,
  );
  // Another set (or version) in the folder: it stops being a model set until every file is verified.
  if (!sameManifest) await rm(localManifest, { force: true });

  let done = 0;
  let transferred = 0;
  const report = (file: string, step: TransferProgress['step'], add: number) => {
    done += add;
    o.onProgress?.({ done, total, file, step });
  };

  const inner = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, inner.signal]) : inner.signal;
  const outcomes = await pool(files, o.concurrency ?? 4, async (ref): Promise<FileOutcome> => {
    checkAborted(signal, `pulling ${remote.url}`);
    const final = join(dir, ref.path);
    const local = await stat(final).catch(() => undefined);
    if (local?.isFile() && local.size === ref.bytes && (await sha256File(final)).sha256 === ref.sha256) {
      report(ref.path, 'verified', ref.bytes);
      return { path: ref.path, bytes: ref.bytes, action: 'kept' };
    }
    if (sameManifest) await rm(localManifest, { force: true }); // a file went bad: not a set until it is replaced
    try {
      return await downloadFile(remote, ref, final, {
        signal,
        attempts: o.attempts ?? 3,
        onBytes: (n, step) => {
          if (step === 'transferring') transferred += n;
          report(ref.path, step, n);
        },
      });
    } catch (e) {
      inner.abort(); // the other downloads stop too (their partial files stay)
      throw e;
    }
  });

  // Last: the manifest makes the folder a model set.
  const tmp = join(dir, `.${MANIFEST_FILE}.tmp`);
  await writeFile(tmp, manifestBytes);
  await rename(tmp, localManifest);
  return {
    id: manifest.id,
    dir,
    files: outcomes,
    transferredBytes: transferred,
    totalBytes: total,
    ms: performance.now() - t0,
  };
}

async function downloadFile(
  remote: RemoteSet,
  ref: FileRef,
  final: string,
  o: {
    signal: AbortSignal;
    attempts: number;
    onBytes: (n: number, step: TransferProgress['step']) => void;
  },
): Promise<FileOutcome> {
  const key = `${remote.prefix}${ref.path}`;
  const url = `${remote.url}${ref.path}`;
  let info;
  try {
    info = await remote.objects.head(key);
  } catch (e) {
    throw transferFailure(`reading ${url}`, e);
  }
  if (!info)
    throw new ModelSetTransferError(
      'not_found',
      `${url} is missing (the manifest of ${remote.url} lists it)`,
    );
  if (info.size !== ref.bytes)
    throw new ModelSetTransferError(
      'corrupt',
      `${url} is ${info.size} bytes but the manifest says ${ref.bytes} (sha256 ${ref.sha256}); refusing it: the object is damaged or was replaced (push the set again)`,
    );

  await mkdir(dirname(final), { recursive: true });
  const partial = partialOf(final);
  const statePath = stateOf(final);
  const previous = await readState(statePath);
  const have = (await stat(partial).catch(() => undefined))?.size ?? 0;
  const resumable =
    previous?.etag === info.etag &&
    previous.sha256 === ref.sha256 &&
    previous.bytes === ref.bytes &&
    have > 0 &&
    have <= ref.bytes;
  let offset = resumable ? have : 0;
  const resumedAt = offset;
  let hash = createHash('sha256');
  if (offset > 0) {
    await hashPrefix(partial, offset, hash);
    o.onBytes(offset, 'verified');
  }
  const state: PartialState = { etag: info.etag, sha256: ref.sha256, bytes: ref.bytes };
  await writeFile(statePath, JSON.stringify(state));
  const fh: FileHandle = await open(partial, offset > 0 ? 'r+' : 'w');
  let renamed = false;
  try {
    await fh.truncate(offset);
    for (let attempt = 1; offset < ref.bytes; attempt++) {
      checkAborted(o.signal, `pulling ${url}`);
      let got: Awaited<ReturnType<typeof remote.objects.getStream>>;
      try {
        got = await remote.objects.getStream(key, { start: offset, ifMatch: info.etag });
      } catch (e) {
        if (attempt < o.attempts && isStorageError(e, 'unavailable')) continue;
        throw transferFailure(`downloading ${url} (at byte ${offset} of ${ref.bytes})`, e);
      }
      if (!got) throw new ModelSetTransferError('not_found', `${url} disappeared during the download`);
      if (got.etag !== info.etag) {
        // Replaced since the HEAD (on a server that ignores If-Match): the next run starts over on the new object.
        got.body.destroy();
        throw new ModelSetTransferError(
          'corrupt',
          `${url} changed during the download (ETag ${info.etag} → ${got.etag}); run the pull again`,
        );
      }
      try {
        for await (const chunk of got.body) {
          if (o.signal.aborted) break;
          const bytes = chunk as Buffer;
          if (offset + bytes.length > ref.bytes)
            throw new ModelSetTransferError(
              'corrupt',
              `${url} sent more than the ${ref.bytes} bytes the manifest says; refusing it`,
            );
          await fh.write(bytes, 0, bytes.length, offset);
          hash.update(bytes);
          offset += bytes.length;
          o.onBytes(bytes.length, 'transferring');
        }
      } catch (e) {
        if (e instanceof ModelSetTransferError) throw e;
        // A dropped connection: the next attempt continues from what arrived (the hash holds exactly those bytes).
        if (attempt >= o.attempts)
          throw transferFailure(`downloading ${url} (at byte ${offset} of ${ref.bytes})`, e);
      } finally {
        got.body.destroy();
      }
      checkAborted(o.signal, `pulling ${url}`);
      // A body that ended short is a dropped connection as well: the loop asks for the rest.
      if (offset < ref.bytes && attempt >= o.attempts)
        throw new ModelSetTransferError(
          'unavailable',
          `downloading ${url}: the connection kept ending early (at byte ${offset} of ${ref.bytes}); run the pull again to continue`,
        );
    }
    const actual = hash.digest('hex');
    hash = createHash('sha256');
    if (offset !== ref.bytes || actual !== ref.sha256) {
      await fh.close().catch(() => undefined);
      await rm(partial, { force: true });
      await rm(statePath, { force: true });
      throw new ModelSetTransferError(
        'corrupt',
        `${url}: sha256 ${actual} (${offset} bytes), but the manifest says ${ref.sha256} (${ref.bytes} bytes); refusing it: the object is damaged or was replaced (push the set again)`,
      );
    }
    await fh.sync();
    await fh.close();
    await rename(partial, final);
    renamed = true;
    await rm(statePath, { force: true });
    o.onBytes(0, 'done');
    return resumedAt > 0
      ? { path: ref.path, bytes: ref.bytes, action: 'resumed', resumedAt }
      : { path: ref.path, bytes: ref.bytes, action: 'transferred' };
  } finally {
    if (!renamed) await fh.close().catch(() => undefined);
  }
}
