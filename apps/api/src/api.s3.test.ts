import { apiSuite } from './testing/api-suite';

// The integration suite with S3 storage: a real S3-compatible server (s3rver) on loopback.
apiSuite('s3');
