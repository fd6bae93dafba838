export { StorageError, isStorageError, type StorageErrorCode } from './errors';
export { validateKey, validatePrefix, MAX_KEY_LENGTH } from './keys';
export type {
  BlobStore,
  BlobBody,
  BlobInfo,
  PutOptions,
  PutResult,
  ListOptions,
  ListPage,
  PresignedPut,
  PresignPutOptions,
} from './blob-store';
export { contentTypeForKey } from './body';
export { FsBlobStore } from './fs-blob-store';
export { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store';
export { sha256Hex, contentKey, contentHashOfKey, verifyContent, verifiedStream } from './content-address';
export {
  defineRecordType,
  RecordStore,
  type RecordType,
  type RecordTypeDefinition,
  type RecordValidator,
  type RecordEnvelope,
  type StoredRecord,
  type RecordStoreOptions,
} from './records';
export { CachedBlobStore, type CachedBlobStoreOptions, type LruStats } from './cached-blob-store';
export { S3Objects, MIN_PART_BYTES, MAX_PARTS, type S3ObjectsOptions, type ObjectInfo } from './s3-objects';
export type { S3ConnectionOptions } from './s3-client';
export {
  parseBlobStoreConfig,
  blobStoreConfigFromEnv,
  parseS3Url,
  s3ConfigForUrl,
  type S3Location,
  STORAGE_ENV_VARS,
  type BlobStoreConfig,
  type FsBlobStoreConfig,
  type S3BlobStoreConfig,
} from './config';
export { createBlobStore, s3Connection, type S3Tuning } from './create-blob-store';
