import { photoSuite } from './testing/photo-suite';

// Photos over HTTP with filesystem storage (the same suite runs against S3 in photos.s3.test.ts).
photoSuite('fs');
