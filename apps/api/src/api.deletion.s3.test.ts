import { deletionSuite } from './testing/deletion-suite';

// Deleting images and edits (cascades, shared files, concurrent writers): S3 storage (s3rver).
deletionSuite('s3');
