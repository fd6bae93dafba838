import { accessSuite } from './testing/access-suite';

// Work budget, throttled authentication, request ids, schema hints, job ownership: S3 storage (s3rver).
accessSuite('s3');
