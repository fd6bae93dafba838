// Test helpers for projects that use storage (`@styleclip/storage/testing`): a local S3 server and the
// BlobStore contract suite. They need the devDependencies `s3rver` and `vitest`.
export { startLocalS3, LOCAL_S3_CREDENTIALS, type LocalS3 } from './local-s3';
export { blobStoreContract, randomBytes, chunked, type ContractOptions } from './blob-store.contract';
