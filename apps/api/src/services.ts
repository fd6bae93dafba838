import type { ModelSetRegistry } from './model-sets';
import type { JobEvents } from './jobs/pubsub';
import type { JobRunner } from './jobs/runner';
import type { Storage } from './storage';
import type { EditService } from './services/edits';
import type { ImageService } from './services/images';
import type { UploadService } from './services/uploads';

/** The application services, shared by resolvers and REST handlers. */
export interface Services {
  storage: Storage;
  models: ModelSetRegistry;
  images: ImageService;
  edits: EditService;
  uploads: UploadService;
  jobs: JobRunner;
  jobEvents: JobEvents;
  /** Base URL of the web app (share links). */
  webUrl: () => string;
  version: string;
}
