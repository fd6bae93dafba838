import {
  isStorageError,
  s3ConfigForUrl,
  s3Connection,
  S3Objects,
  validateKey,
  type S3BlobStoreConfig,
} from '@styleclip/storage';
import {
  allFiles,
  MANIFEST_FILE,
  ManifestError,
  validateManifest,
  type FileRef,
  type ModelSetManifest,
} from '@styleclip/model-sets';
import { MODEL_SET_ID } from '../../ids';
import { ModelSetTransferError } from './errors';

/** A model set's location in a bucket: `s3://bucket/prefix/` holding `manifest.json` and the set's files. */
export interface RemoteSet {
  objects: S3Objects;
  /** Key prefix of the set ('' or ending in '/'). */
  prefix: string;
  /** `s3://bucket/prefix/`, for messages. */
  url: string;
}

/** A manifest is small (kilobytes); anything beyond this is not one. */
export const MANIFEST_MAX_BYTES = 4 * 1024 * 1024;

/** A model-set location from the configuration: the set at the URL, or every set under it (`…/*`). */
export interface ModelSetSource {
  /** As configured, for messages. */
  url: string;
  everySetUnder: boolean;
  /** Bucket and prefix from the URL; endpoint, region and credentials from the product's S3 settings. */
  s3: S3BlobStoreConfig;
}

/**
 * Reads `s3://bucket/prefix` (or `…/*`) with the endpoint, region, path style and credentials of the product's
 * S3 configuration (`STYLECLIP_S3_*`, `AWS_*`; see `.env.example`), whatever STYLECLIP_STORAGE is.
 */
export function modelSetSource(url: string, env: Record<string, string | undefined>): ModelSetSource {
  const everySetUnder = url.endsWith('/*');
  try {
    return { url, everySetUnder, s3: s3ConfigForUrl(everySetUnder ? url.slice(0, -2) : url, env) };
  } catch (e) {
    throw new ModelSetTransferError('invalid', (e as Error).message, { cause: e });
  }
}

/** Opens a location for transfers. Close `objects` when done. */
export function openRemoteSet(s3: S3BlobStoreConfig): RemoteSet {
  return {
    objects: new S3Objects(s3Connection(s3)),
    prefix: s3.prefix,
    url: `s3://${s3.bucket}/${s3.prefix}`,
  };
}

/** `openRemoteSet` for a URL given on a command line, with the S3 settings of `env`. */
export const openRemoteUrl = (
  url: string,
  env: Record<string, string | undefined> = process.env,
): RemoteSet => openRemoteSet(modelSetSource(url, env).s3);

/** The same bucket as `parent`, another prefix. */
export const remoteAt = (parent: RemoteSet, prefix: string): RemoteSet => ({
  objects: parent.objects,
  prefix,
  url: `s3://${parent.objects.bucket}/${prefix}`,
});

/** Wraps a storage failure as a transfer error naming what was being done. */
export function transferFailure(what: string, e: unknown): ModelSetTransferError {
  if (e instanceof ModelSetTransferError) return e;
  const code = isStorageError(e, 'not_found') ? 'not_found' : 'unavailable';
  return new ModelSetTransferError(code, `${what}: ${(e as Error).message}`, { cause: e });
}

export interface CheckedManifest {
  manifest: ModelSetManifest;
  /** Every file the manifest lists, once each. */
  files: FileRef[];
  total: number;
}

/**
 * Validates a manifest read from `where` for transfer: a valid manifest with a usable id, and file paths that
 * stay inside the set's folder (segments of A-Z a-z 0-9 _ . -, none hidden, no `..`): a hostile manifest must not
 * write elsewhere.
 */
export function checkManifestForTransfer(raw: Uint8Array, where: string): CheckedManifest {
  let manifest: ModelSetManifest;
  try {
    manifest = validateManifest(JSON.parse(Buffer.from(raw).toString('utf8')));
  } catch (e) {
    const why = e instanceof ManifestError || e instanceof SyntaxError ? e.message : String(e);
    throw new ModelSetTransferError('invalid', `${where}${MANIFEST_FILE} is not a valid manifest: ${why}`, {
      cause: e,
    });
  }
  if (!MODEL_SET_ID.test(manifest.id))
    throw new ModelSetTransferError(
      'invalid',
      `${where}${MANIFEST_FILE}: the id ${JSON.stringify(manifest.id)} is not a model set id (${MODEL_SET_ID.source})`,
    );
  const byPath = new Map<string, FileRef>();
  for (const ref of allFiles(manifest)) {
    try {
      validateKey(ref.path, 'file path');
    } catch (e) {
      throw new ModelSetTransferError('invalid', `${where}${MANIFEST_FILE}: ${(e as Error).message}`);
    }
    if (ref.path === MANIFEST_FILE || !(ref.bytes >= 0))
      throw new ModelSetTransferError('invalid', `${where}${MANIFEST_FILE}: bad entry for ${ref.path}`);
    const seen = byPath.get(ref.path);
    if (seen && seen.sha256 !== ref.sha256)
      throw new ModelSetTransferError(
        'invalid',
        `${where}${MANIFEST_FILE}: ${ref.path} is listed twice with different hashes`,
      );
    byPath.set(ref.path, ref);
  }
  const files = [...byPath.values()];
  return { manifest, files, total: files.reduce((n, f) => n + f.bytes, 0) };
}
