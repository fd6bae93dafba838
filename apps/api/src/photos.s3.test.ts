import { photoSuite } from './testing/photo-suite';

// Photos over HTTP with S3 storage (a local s3rver): presigned URLs for aligned crops, reconstructions, pasted photos.
photoSuite('s3');
