// Every operation the web app sends, written against libs/api-contract/src/schema.graphql.
import { gql } from './document';
import type {
  Connection,
  EditDetail,
  EditGlobalInput,
  EditMapperInput,
  EditPreview,
  MapperPreview,
  GalleryImage,
  Health,
  ImageDetail,
  ImageFilter,
  ImageSummary,
  Job,
  ModelSet,
  TextDirectionInput,
  TextDirectionPreview,
  UploadTicket,
} from './types';

const IMAGE = `
  id source url width height createdAt modelSetId seed truncation inversionStatus
  latent { id space }
`;

const EDIT = `
  id method createdAt neutral target alphas beta autoBeta channels mapper strength shareUrl
  topChannels { layer layerName channel weight }
  results { alpha image { ${IMAGE} } }
  image { ${IMAGE} }
`;

const JOB = `
  id kind state modelSetId progress phase done total etaSeconds createdAt updatedAt
  error { code message }
`;

const MODEL_SET = `
  id size styleDim nLatent hasClip hasDirections inversionConfigured
  mappers { name coarse medium fine }
  directions { rows layers images origin }
`;

export const HealthQuery = gql<{ health: Health }>(
  `query Health { health { status version modelSets storage } }`,
);

export const GalleryQuery = gql<
  { images: Connection<GalleryImage> },
  { first?: number; after?: string | null; filter?: ImageFilter | null }
>(`
query Gallery($first: Int, $after: String, $filter: ImageFilter) {
  images(first: $first, after: $after, filter: $filter) {
    edges {
      cursor
      node {
        ${IMAGE}
        edits(first: 4) {
          edges { cursor node { id method results { image { id url } } } }
          pageInfo { endCursor hasNextPage }
        }
      }
    }
    pageInfo { endCursor hasNextPage }
  }
}`);

export const ImageQuery = gql<{ image: ImageDetail | null }, { id: string; editsAfter?: string | null }>(`
query Image($id: ID!, $editsAfter: String) {
  image(id: $id) {
    ${IMAGE}
    parentEdit { id method neutral target mapper image { id } }
    edits(first: 20, after: $editsAfter) {
      edges { cursor node { ${EDIT} } }
      pageInfo { endCursor hasNextPage }
    }
  }
}`);

export const EditQuery = gql<{ edit: EditDetail | null }, { id: string }>(`
query Edit($id: ID!) { edit(id: $id) { ${EDIT} } }`);

export const ModelSetQuery = gql<{ modelSet: ModelSet | null }, { id?: string | null }>(`
query ModelSet($id: ID) { modelSet(id: $id) { ${MODEL_SET} } }`);

export const ModelSetsQuery = gql<{ modelSets: ModelSet[] }>(`
query ModelSets { modelSets { ${MODEL_SET} } }`);

export const TextDirectionQuery = gql<
  { textDirection: TextDirectionPreview },
  { input: TextDirectionInput }
>(`
query TextDirection($input: TextDirectionInput!) {
  textDirection(input: $input) {
    channels beta maxAbsRelevance dtNorm
    topChannels { layer layerName channel weight }
  }
}`);

/** A global edit rendered without storing anything (the editor's live preview). */
export const PreviewGlobalEditQuery = gql<{ previewGlobalEdit: EditPreview }, { input: EditGlobalInput }>(`
query PreviewGlobalEdit($input: EditGlobalInput!) {
  previewGlobalEdit(input: $input) {
    channels beta autoBeta
    topChannels { layer layerName channel weight }
    images { alpha width height dataUrl }
  }
}`);

/** A mapper edit rendered without storing anything (the editor's live preview on the Mapper tab). */
export const PreviewMapperEditQuery = gql<{ previewMapperEdit: MapperPreview }, { input: EditMapperInput }>(`
query PreviewMapperEdit($input: EditMapperInput!) {
  previewMapperEdit(input: $input) {
    strength
    images { alpha width height dataUrl }
  }
}`);

export const JobQuery = gql<{ job: Job | null }, { id: string }>(
  `query Job($id: ID!) { job(id: $id) { ${JOB} } }`,
);

export const JobsQuery = gql<{ jobs: Connection<Job> }, { first?: number; after?: string | null }>(`
query Jobs($first: Int, $after: String) {
  jobs(first: $first, after: $after) {
    edges { cursor node { ${JOB} } }
    pageInfo { endCursor hasNextPage }
  }
}`);

export const GenerateImagesMutation = gql<
  { generateImages: ImageSummary[] },
  { input: { seeds: number[]; truncation?: number; modelSetId?: string | null } }
>(`mutation GenerateImages($input: GenerateImagesInput!) { generateImages(input: $input) { ${IMAGE} } }`);

export const CreateUploadMutation = gql<
  { createUpload: UploadTicket },
  { input: { filename?: string | null; contentType: string; size: number; modelSetId?: string | null } }
>(`
mutation CreateUpload($input: CreateUploadInput!) {
  createUpload(input: $input) { uploadId method url headers { name value } expiresAt }
}`);

export const CompleteUploadMutation = gql<{ completeUpload: ImageSummary }, { uploadId: string }>(`
mutation CompleteUpload($uploadId: ID!) { completeUpload(uploadId: $uploadId) { ${IMAGE} } }`);

export const EditGlobalMutation = gql<{ editGlobal: EditDetail }, { input: EditGlobalInput }>(`
mutation EditGlobal($input: EditGlobalInput!) { editGlobal(input: $input) { ${EDIT} } }`);

export const EditMapperMutation = gql<{ editMapper: EditDetail }, { input: EditMapperInput }>(`
mutation EditMapper($input: EditMapperInput!) { editMapper(input: $input) { ${EDIT} } }`);

export const PrecomputeDirectionsMutation = gql<
  { precomputeDirections: Job },
  { input: { modelSetId?: string | null; images?: number; samples?: number; layers?: string } }
>(
  `mutation PrecomputeDirections($input: PrecomputeDirectionsInput!) { precomputeDirections(input: $input) { ${JOB} } }`,
);

export const CancelJobMutation = gql<{ cancelJob: Job }, { id: string }>(`
mutation CancelJob($id: ID!) { cancelJob(id: $id) { ${JOB} } }`);
