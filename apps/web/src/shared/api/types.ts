// The shapes the web app selects from the GraphQL API. Enums, inputs and the object types selected whole come
// from the generated types of @styleclip/api-contract; the others are the selections made in
// `graphql/operations.ts` (a test checks every operation against the schema).
import type {
  Channel,
  DirectionsInfo,
  Edit,
  EditMethod,
  Image,
  Job as FullJob,
  JobError,
  Latent,
  Mapper,
  ModelSet as FullModelSet,
  PageInfo,
} from '@styleclip/api-contract';

export type {
  Channel,
  CreateUploadInput,
  EditGlobalInput,
  EditMapperInput,
  EditMethod,
  EditPreview,
  ErrorCode,
  GenerateImagesInput,
  Header,
  Health,
  ImageFilter,
  ImageSource,
  InversionStatus,
  JobKind,
  JobState,
  Mapper,
  MapperPreview,
  PageInfo,
  PrecomputeDirectionsInput,
  PreviewImage,
  TextDirectionInput,
  TextDirectionPreview,
  UploadTicket,
} from '@styleclip/api-contract';

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** An image as shown on a card or as an edit result. */
export type ImageSummary = Pick<
  Image,
  | 'id'
  | 'source'
  | 'url'
  | 'width'
  | 'height'
  | 'createdAt'
  | 'modelSetId'
  | 'seed'
  | 'truncation'
  | 'inversionStatus'
> & { latent: Pick<Latent, 'id' | 'space'> | null };

export interface EditResult {
  alpha: number | null;
  image: ImageSummary;
}

/** An edit with its parameters and results. */
export type EditDetail = Pick<
  Edit,
  | 'id'
  | 'method'
  | 'createdAt'
  | 'neutral'
  | 'target'
  | 'alphas'
  | 'beta'
  | 'autoBeta'
  | 'channels'
  | 'mapper'
  | 'strength'
  | 'shareUrl'
> & {
  topChannels: Channel[] | null;
  results: EditResult[];
  image: ImageSummary;
};

/** A gallery card: the base image, its latest edits (one page) with their results as thumbnails. */
export type GalleryImage = ImageSummary & {
  edits: Connection<{ id: string; method: EditMethod; results: { image: { id: string; url: string } }[] }>;
};

export type ImageDetail = ImageSummary & {
  parentEdit:
    (Pick<Edit, 'id' | 'method' | 'neutral' | 'target' | 'mapper'> & { image: { id: string } }) | null;
  edits: Connection<EditDetail>;
};

export type ModelSet = Omit<FullModelSet, 'mappers' | 'directions'> & {
  mappers: Mapper[];
  directions: DirectionsInfo | null;
};

export type Job = Omit<FullJob, 'result' | 'error'> & { error: JobError | null };
