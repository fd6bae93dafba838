/** Test helpers for projects built on the core: local Redis and S3 servers, model sets. */
export { startLocalRedis, freePort, type LocalRedis, type LocalRedisOptions } from './redis';
export { modelsDirWithTiny, warmTinyCache } from './models';
export { startLocalS3, LOCAL_S3_CREDENTIALS, type LocalS3 } from '@styleclip/storage/testing';
export { startFakeCloudWatch, type FakeCloudWatch, type RecordedPut } from '@styleclip/cloudwatch/testing';
/** For simulating storage outages in tests (what a failing store throws). */
export { StorageError } from '@styleclip/storage';
/** For making test images. */
export { encodePng } from '@styleclip/imaging';
