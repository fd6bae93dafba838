import type { Readable } from 'node:stream';

/** What `put` accepts: bytes, or a stream / async iterable of byte chunks (streamed without buffering it all). */
export type BlobBody = Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /** Stored with the blob; when omitted it is inferred from the key's extension (see `contentTypeForKey`). */
  contentType?: string;
  /** `'*'`: only write when the key does not exist yet, else fail with code `conflict`. */
  ifNoneMatch?: '*';
}

export interface PutResult {
  size: number;
  etag: string;
}

export interface BlobInfo {
  size: number;
  contentType: string;
  /** Changes whenever the content is rewritten (an S3 ETag, or size + mtime on disk). */
  etag: string;
}

export interface ListOptions {
  /** `nextCursor` of the previous page; the listing continues after it. */
  cursor?: string;
  /** Page size, 1…1000 (default 1000). */
  limit?: number;
}

export interface ListPage {
  /** Keys in lexicographic (byte) order. */
  keys: string[];
  /** Set when more keys follow; pass it back as `cursor`. */
  nextCursor?: string;
}

export interface PresignedPut {
  url: string;
  method: 'PUT';
  /** Headers the uploader must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
  /** When the URL stops working. */
  expiresAt: Date;
  /**
   * The size cap the caller asked for. A presigned PUT can only bind an exact `content-length`
   * (when `contentLength` was given); otherwise the server must check `head(key).size` after the upload.
   */
  maxBytes: number;
}

export interface PresignPutOptions {
  contentType: string;
  maxBytes: number;
  /** Seconds (1 … 7 days). */
  expiresIn: number;
  /** The exact upload size, if known: it is signed, so S3 refuses any other length. Must be ≤ maxBytes. */
  contentLength?: number;
}

/**
 * Keyed byte storage. Implementations: `FsBlobStore` (a folder) and `S3BlobStore` (a bucket + prefix).
 * Keys are validated (`validateKey`); every failure is a `StorageError`. A blob is only ever visible whole:
 * a write that fails leaves the previous content (or nothing).
 */
export interface BlobStore {
  /** Human-readable description for logs ("fs:/srv/data", "s3://bucket/prefix/"). */
  readonly description: string;
  put(key: string, body: BlobBody, options?: PutOptions): Promise<PutResult>;
  /** The whole blob, or `undefined` when the key does not exist. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** A stream of the blob, or `undefined` when the key does not exist. */
  getStream(key: string): Promise<Readable | undefined>;
  head(key: string): Promise<BlobInfo | undefined>;
  exists(key: string): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix`, sorted, one page at a time. */
  list(prefix: string, options?: ListOptions): Promise<ListPage>;
  /** A URL the blob can be downloaded from directly (presigned GET on S3); `undefined` when the API must serve it. */
  url(key: string, options: { expiresIn: number }): Promise<string | undefined>;
  /** A presigned upload URL (S3); `undefined` when uploads must go through the API. */
  presignPut(key: string, options: PresignPutOptions): Promise<PresignedPut | undefined>;
}
