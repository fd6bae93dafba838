import { deletionSuite } from './testing/deletion-suite';

// Deleting images and edits (cascades, shared files, concurrent writers): filesystem storage.
deletionSuite('fs');
