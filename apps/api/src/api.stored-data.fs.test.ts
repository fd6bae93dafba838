import { storedDataSuite } from './testing/stored-data-suite';

// Damaged records and blobs, hostile uploads: filesystem storage (api.stored-data.s3.test.ts: S3).
storedDataSuite('fs');
