import { apiSuite } from './testing/api-suite';

// The integration suite with filesystem storage (the same suite runs against S3 in api.s3.test.ts).
apiSuite('fs');
