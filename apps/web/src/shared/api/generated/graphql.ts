/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Limits: `parameters.createUpload`. */
export type CreateUploadInput = {
  contentType: string;
  filename?: string | null | undefined;
  modelSetId?: string | null | undefined;
  /** Size in bytes. */
  size: number;
};

/** Which S layers the channel-relevance table covers. */
export type DirectionLayers =
  /** Every non-toRGB layer. */
  | 'ALL'
  /** Non-toRGB layers with S index ≤ 16 (StyleCLIP's table: 5376 rows at 1024). */
  | 'OFFICIAL';

/** Limits and defaults: `parameters.editGlobal`. */
export type EditGlobalInput = {
  /** Strengths α, one image each. */
  alphas: Array<number>;
  autoBeta?: boolean | null | undefined;
  beta?: number | null | undefined;
  /**
   * When `imageId` is an uploaded photo: the faces to edit, by index (default: every face). Each face renders every
   * α (faces × α renders, at most `parameters.photoEdit.renders`).
   */
  faces?: Array<number> | null | undefined;
  imageId: string;
  neutral: string;
  /** Also paste the edited face(s) back into the full-resolution photo (`Edit.pastedBack`). Faces of photos only. */
  pasteBack?: boolean | null | undefined;
  target: string;
};

/** Limits and defaults: `parameters.editMapper`. */
export type EditMapperInput = {
  /** When `imageId` is an uploaded photo: the faces to edit, by index (default: every face). */
  faces?: Array<number> | null | undefined;
  imageId: string;
  mapper: string;
  /** Also paste the edited face(s) back into the full-resolution photo (`Edit.pastedBack`). Faces of photos only. */
  pasteBack?: boolean | null | undefined;
  strength?: number | null | undefined;
};

export type EditMethod =
  | 'GLOBAL'
  | 'MAPPER'
  /** A latent optimization job's result (see Edit.optimization). */
  | 'OPTIMIZE';

/** Limits and defaults: `parameters.generateImages`. */
export type GenerateImagesInput = {
  modelSetId?: string | null | undefined;
  seeds: Array<number>;
  truncation?: number | null | undefined;
};

export type ImageFilter = {
  /** Only images with at least one edit of this method. */
  method?: EditMethod | null | undefined;
  source?: ImageSource | null | undefined;
};

export type ImageSource = 'EDITED' | 'GENERATED' | 'UPLOADED';

export type InversionStatus =
  | 'DONE'
  | 'FAILED'
  | 'NOT_CONFIGURED'
  /** No face was found in the photo (see `Image.photo.error`). */
  | 'NO_FACE'
  | 'PENDING';

/** Limits and defaults: `parameters.invertPhoto`. */
export type InvertPhotoInput = {
  /** The uploaded photo (an Image of source UPLOADED). */
  imageId: string;
  /** Most faces to invert (the best-scoring ones). */
  maxFaces?: number | null | undefined;
  /** Detections scoring below this are not taken for faces (dlib's confidence). */
  minScore?: number | null | undefined;
};

export type JobKind =
  /** Finds, aligns and inverts the faces of an uploaded photo (result: photoId, faces, detected, encoded, cacheHits). */
  'INVERT_PHOTO' | 'OPTIMIZE_LATENT' | 'PRECOMPUTE_DIRECTIONS' | 'TRAIN_MAPPER';

export type JobState = 'CANCELLED' | 'FAILED' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED';

export type LatentSpace = 'S' | 'WPLUS';

export type MapperOptimizer = 'ADAM' | 'RANGER';

/** Limits and defaults: `parameters.optimizeLatent`. */
export type OptimizeLatentInput = {
  /** Save the optimizer state every this many steps (a resumed job repeats at most this many). */
  checkpointEvery?: number | null | undefined;
  idLambda?: number | null | undefined;
  imageId: string;
  l2Lambda?: number | null | undefined;
  lr?: number | null | undefined;
  mode?: OptimizeMode | null | undefined;
  /** Render a preview every this many steps. */
  previewEvery?: number | null | undefined;
  space?: LatentSpace | null | undefined;
  steps?: number | null | undefined;
  text: string;
};

export type OptimizeMode =
  /** Stay close to the start: CLIP + λ_L2·L2 + λ_ID·ID. */
  | 'EDIT'
  /** The CLIP loss alone (free generation). */
  | 'FREE';

export type PhotoState =
  | 'DONE'
  /** The inversion failed (see `error`); `invertPhoto` starts it again. */
  | 'FAILED'
  /** No face was found (see `error`). */
  | 'NO_FACE'
  /** Its faces are being found and inverted (see `job`). */
  | 'PENDING';

/** Limits and defaults: `parameters.precomputeDirections`. */
export type PrecomputeDirectionsInput = {
  batch?: number | null | undefined;
  /**
   * Fast mode: channels of layers at or below the resolution CLIP needs (256 at 1024) are measured on the
   * synthesis stopped there; faster, not the official table (default false: exact).
   */
  fast?: boolean | null | undefined;
  images?: number | null | undefined;
  layers?: DirectionLayers | null | undefined;
  modelSetId?: string | null | undefined;
  samples?: number | null | undefined;
  /** Channels per shard (a job per shard; shards run on every worker). */
  shardChannels?: number | null | undefined;
  truncationLayers?: TruncationLayers | null | undefined;
};

/** Limits and defaults: `parameters.textDirection`. */
export type TextDirectionInput = {
  autoBeta?: boolean | null | undefined;
  /** β; ignored when autoBeta is true. */
  beta?: number | null | undefined;
  modelSetId?: string | null | undefined;
  neutral: string;
  target: string;
  top?: number | null | undefined;
};

/** Limits and defaults: `parameters.trainMapper`. */
export type TrainMapperInput = {
  batch?: number | null | undefined;
  /** Save the mapper and optimizer state every this many steps. */
  checkpointEvery?: number | null | undefined;
  clipLambda?: number | null | undefined;
  coarse?: boolean | null | undefined;
  /** Render the evaluation faces every this many steps. */
  evalEvery?: number | null | undefined;
  fine?: boolean | null | undefined;
  idLambda?: number | null | undefined;
  l2Lambda?: number | null | undefined;
  lr?: number | null | undefined;
  medium?: boolean | null | undefined;
  modelSetId?: string | null | undefined;
  /** The mapper's name in the model set (letters, digits, _ and -); default: from the text. */
  name?: string | null | undefined;
  optimizer?: MapperOptimizer | null | undefined;
  /** Seed of the initial weights and of the shuffling. */
  seed?: number | null | undefined;
  seedCount?: number | null | undefined;
  /** The training faces are the seeds seedStart … seedStart + seedCount − 1 (a share held out for evaluation). */
  seedStart?: number | null | undefined;
  steps?: number | null | undefined;
  text: string;
};

/** How the sampled latents of S statistics are truncated. */
export type TruncationLayers =
  /** Every W+ row (TF, StyleCLIP). */
  | 'ALL'
  /** The first 8 rows (the PyTorch port). */
  | 'FIRST8';

export type TopChannelFragment = { layer: number; layerName: string | null; channel: number; weight: number };

export type EditDetailFragment = {
  id: string;
  method: EditMethod;
  createdAt: string;
  neutral: string | null;
  target: string | null;
  alphas: Array<number> | null;
  beta: number | null;
  autoBeta: boolean | null;
  channels: number | null;
  mapper: string | null;
  strength: number | null;
  shareUrl: string;
  faces: Array<number> | null;
  topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
  results: Array<{
    alpha: number | null;
    face: number | null;
    image: {
      id: string;
      source: ImageSource;
      url: string;
      width: number;
      height: number;
      createdAt: string;
      modelSetId: string;
      seed: number | null;
      truncation: number | null;
      inversionStatus: InversionStatus | null;
      latent: { id: string; space: LatentSpace } | null;
    };
  }>;
  image: {
    id: string;
    source: ImageSource;
    url: string;
    width: number;
    height: number;
    createdAt: string;
    modelSetId: string;
    seed: number | null;
    truncation: number | null;
    inversionStatus: InversionStatus | null;
    latent: { id: string; space: LatentSpace } | null;
  };
  pastedBack: Array<{
    alpha: number | null;
    image: { id: string; url: string; width: number; height: number };
  }>;
};

export type EditQueryVariables = Exact<{
  id: string;
}>;

export type EditQuery = {
  edit: {
    id: string;
    method: EditMethod;
    createdAt: string;
    neutral: string | null;
    target: string | null;
    alphas: Array<number> | null;
    beta: number | null;
    autoBeta: boolean | null;
    channels: number | null;
    mapper: string | null;
    strength: number | null;
    shareUrl: string;
    faces: Array<number> | null;
    topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
    results: Array<{
      alpha: number | null;
      face: number | null;
      image: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        latent: { id: string; space: LatentSpace } | null;
      };
    }>;
    image: {
      id: string;
      source: ImageSource;
      url: string;
      width: number;
      height: number;
      createdAt: string;
      modelSetId: string;
      seed: number | null;
      truncation: number | null;
      inversionStatus: InversionStatus | null;
      latent: { id: string; space: LatentSpace } | null;
    };
    pastedBack: Array<{
      alpha: number | null;
      image: { id: string; url: string; width: number; height: number };
    }>;
  } | null;
};

export type EditorImageQueryVariables = Exact<{
  id: string;
}>;

export type EditorImageQuery = {
  image: {
    id: string;
    source: ImageSource;
    url: string;
    width: number;
    height: number;
    createdAt: string;
    modelSetId: string;
    seed: number | null;
    truncation: number | null;
    inversionStatus: InversionStatus | null;
    face: { index: number } | null;
    photo: { id: string; width: number; height: number; image: { id: string; url: string } } | null;
    latent: { id: string; space: LatentSpace } | null;
  } | null;
};

export type EditorModelSetQueryVariables = Exact<{
  id?: string | null | undefined;
}>;

export type EditorModelSetQuery = {
  modelSet: {
    id: string;
    size: number;
    previewResolution: number;
    hasClip: boolean;
    hasDirections: boolean;
    mappers: Array<{ name: string; coarse: boolean; medium: boolean; fine: boolean }>;
  } | null;
};

export type TextDirectionQueryVariables = Exact<{
  input: TextDirectionInput;
}>;

export type TextDirectionQuery = {
  textDirection: {
    channels: number;
    beta: number;
    maxAbsRelevance: number;
    dtNorm: number | null;
    topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }>;
  };
};

export type PreviewGlobalEditQueryVariables = Exact<{
  input: EditGlobalInput;
  resolution?: number | null | undefined;
}>;

export type PreviewGlobalEditQuery = {
  previewGlobalEdit: {
    channels: number;
    beta: number;
    autoBeta: boolean;
    topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }>;
    images: Array<{ alpha: number; width: number; height: number; dataUrl: string }>;
  };
};

export type PreviewMapperEditQueryVariables = Exact<{
  input: EditMapperInput;
  resolution?: number | null | undefined;
}>;

export type PreviewMapperEditQuery = {
  previewMapperEdit: {
    strength: number;
    images: Array<{ alpha: number; width: number; height: number; dataUrl: string }>;
  };
};

export type EditGlobalMutationVariables = Exact<{
  input: EditGlobalInput;
}>;

export type EditGlobalMutation = {
  editGlobal: {
    id: string;
    method: EditMethod;
    createdAt: string;
    neutral: string | null;
    target: string | null;
    alphas: Array<number> | null;
    beta: number | null;
    autoBeta: boolean | null;
    channels: number | null;
    mapper: string | null;
    strength: number | null;
    shareUrl: string;
    faces: Array<number> | null;
    topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
    results: Array<{
      alpha: number | null;
      face: number | null;
      image: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        latent: { id: string; space: LatentSpace } | null;
      };
    }>;
    image: {
      id: string;
      source: ImageSource;
      url: string;
      width: number;
      height: number;
      createdAt: string;
      modelSetId: string;
      seed: number | null;
      truncation: number | null;
      inversionStatus: InversionStatus | null;
      latent: { id: string; space: LatentSpace } | null;
    };
    pastedBack: Array<{
      alpha: number | null;
      image: { id: string; url: string; width: number; height: number };
    }>;
  };
};

export type EditMapperMutationVariables = Exact<{
  input: EditMapperInput;
}>;

export type EditMapperMutation = {
  editMapper: {
    id: string;
    method: EditMethod;
    createdAt: string;
    neutral: string | null;
    target: string | null;
    alphas: Array<number> | null;
    beta: number | null;
    autoBeta: boolean | null;
    channels: number | null;
    mapper: string | null;
    strength: number | null;
    shareUrl: string;
    faces: Array<number> | null;
    topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
    results: Array<{
      alpha: number | null;
      face: number | null;
      image: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        latent: { id: string; space: LatentSpace } | null;
      };
    }>;
    image: {
      id: string;
      source: ImageSource;
      url: string;
      width: number;
      height: number;
      createdAt: string;
      modelSetId: string;
      seed: number | null;
      truncation: number | null;
      inversionStatus: InversionStatus | null;
      latent: { id: string; space: LatentSpace } | null;
    };
    pastedBack: Array<{
      alpha: number | null;
      image: { id: string; url: string; width: number; height: number };
    }>;
  };
};

export type DeleteEditMutationVariables = Exact<{
  id: string;
}>;

export type DeleteEditMutation = { deleteEdit: { images: number; edits: number; files: number } };

export type EditorDefaultsQueryVariables = Exact<{ [key: string]: never }>;

export type EditorDefaultsQuery = {
  parameters: {
    editGlobal: { beta: { default: number | null } };
    editMapper: { strength: { default: number | null } };
  };
};

export type GalleryQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ImageFilter | null | undefined;
}>;

export type GalleryQuery = {
  images: {
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        edits: {
          edges: Array<{
            cursor: string;
            node: { id: string; method: EditMethod; results: Array<{ image: { id: string; url: string } }> };
          }>;
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
        latent: { id: string; space: LatentSpace } | null;
      };
    }>;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
};

export type ImageQueryVariables = Exact<{
  id: string;
  editsAfter?: string | null | undefined;
}>;

export type ImageQuery = {
  image: {
    id: string;
    source: ImageSource;
    url: string;
    width: number;
    height: number;
    createdAt: string;
    modelSetId: string;
    seed: number | null;
    truncation: number | null;
    inversionStatus: InversionStatus | null;
    face: { index: number } | null;
    photo: { id: string } | null;
    parentEdit: {
      id: string;
      method: EditMethod;
      neutral: string | null;
      target: string | null;
      mapper: string | null;
      image: { id: string };
    } | null;
    edits: {
      edges: Array<{
        cursor: string;
        node: {
          id: string;
          method: EditMethod;
          createdAt: string;
          neutral: string | null;
          target: string | null;
          alphas: Array<number> | null;
          beta: number | null;
          autoBeta: boolean | null;
          channels: number | null;
          mapper: string | null;
          strength: number | null;
          shareUrl: string;
          faces: Array<number> | null;
          topChannels: Array<{
            layer: number;
            layerName: string | null;
            channel: number;
            weight: number;
          }> | null;
          results: Array<{
            alpha: number | null;
            face: number | null;
            image: {
              id: string;
              source: ImageSource;
              url: string;
              width: number;
              height: number;
              createdAt: string;
              modelSetId: string;
              seed: number | null;
              truncation: number | null;
              inversionStatus: InversionStatus | null;
              latent: { id: string; space: LatentSpace } | null;
            };
          }>;
          image: {
            id: string;
            source: ImageSource;
            url: string;
            width: number;
            height: number;
            createdAt: string;
            modelSetId: string;
            seed: number | null;
            truncation: number | null;
            inversionStatus: InversionStatus | null;
            latent: { id: string; space: LatentSpace } | null;
          };
          pastedBack: Array<{
            alpha: number | null;
            image: { id: string; url: string; width: number; height: number };
          }>;
        };
      }>;
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
    latent: { id: string; space: LatentSpace } | null;
  } | null;
};

export type GenerateImagesMutationVariables = Exact<{
  input: GenerateImagesInput;
}>;

export type GenerateImagesMutation = {
  generateImages: Array<{
    id: string;
    source: ImageSource;
    url: string;
    width: number;
    height: number;
    createdAt: string;
    modelSetId: string;
    seed: number | null;
    truncation: number | null;
    inversionStatus: InversionStatus | null;
    latent: { id: string; space: LatentSpace } | null;
  }>;
};

export type DeleteImageMutationVariables = Exact<{
  id: string;
}>;

export type DeleteImageMutation = { deleteImage: { images: number; edits: number; files: number } };

export type GenerateLimitsQueryVariables = Exact<{ [key: string]: never }>;

export type GenerateLimitsQuery = {
  parameters: {
    generateImages: {
      seeds: { maxItems: number | null };
      truncation: { min: number | null; max: number | null; default: number | null };
    };
  };
};

export type JobStatusFragment = {
  id: string;
  kind: JobKind;
  state: JobState;
  modelSetId: string;
  progress: number;
  phase: string | null;
  done: number;
  total: number;
  etaSeconds: number | null;
  createdAt: string;
  updatedAt: string;
  error: { code: string; message: string } | null;
};

export type JobQueryVariables = Exact<{
  id: string;
}>;

export type JobQuery = {
  job: {
    id: string;
    kind: JobKind;
    state: JobState;
    modelSetId: string;
    progress: number;
    phase: string | null;
    done: number;
    total: number;
    etaSeconds: number | null;
    createdAt: string;
    updatedAt: string;
    error: { code: string; message: string } | null;
  } | null;
};

export type JobsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type JobsQuery = {
  jobs: {
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        kind: JobKind;
        state: JobState;
        modelSetId: string;
        progress: number;
        phase: string | null;
        done: number;
        total: number;
        etaSeconds: number | null;
        createdAt: string;
        updatedAt: string;
        error: { code: string; message: string } | null;
      };
    }>;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
};

export type CancelJobMutationVariables = Exact<{
  id: string;
}>;

export type CancelJobMutation = {
  cancelJob: {
    id: string;
    kind: JobKind;
    state: JobState;
    modelSetId: string;
    progress: number;
    phase: string | null;
    done: number;
    total: number;
    etaSeconds: number | null;
    createdAt: string;
    updatedAt: string;
    error: { code: string; message: string } | null;
  };
};

export type ModelSetDetailFragment = {
  id: string;
  size: number;
  styleDim: number;
  nLatent: number;
  hasClip: boolean;
  hasDirections: boolean;
  inversionConfigured: boolean;
  mappers: Array<{ name: string; coarse: boolean; medium: boolean; fine: boolean }>;
  directions: { rows: number; layers: Array<number>; images: number | null; origin: string } | null;
};

export type ModelSetQueryVariables = Exact<{
  id?: string | null | undefined;
}>;

export type ModelSetQuery = {
  modelSet: {
    id: string;
    size: number;
    styleDim: number;
    nLatent: number;
    hasClip: boolean;
    hasDirections: boolean;
    inversionConfigured: boolean;
    mappers: Array<{ name: string; coarse: boolean; medium: boolean; fine: boolean }>;
    directions: { rows: number; layers: Array<number>; images: number | null; origin: string } | null;
  } | null;
};

export type ModelSetsQueryVariables = Exact<{ [key: string]: never }>;

export type ModelSetsQuery = {
  modelSets: Array<{
    id: string;
    size: number;
    styleDim: number;
    nLatent: number;
    hasClip: boolean;
    hasDirections: boolean;
    inversionConfigured: boolean;
    mappers: Array<{ name: string; coarse: boolean; medium: boolean; fine: boolean }>;
    directions: { rows: number; layers: Array<number>; images: number | null; origin: string } | null;
  }>;
};

export type PrecomputeDirectionsMutationVariables = Exact<{
  input: PrecomputeDirectionsInput;
}>;

export type PrecomputeDirectionsMutation = {
  precomputeDirections: {
    id: string;
    kind: JobKind;
    state: JobState;
    modelSetId: string;
    progress: number;
    phase: string | null;
    done: number;
    total: number;
    etaSeconds: number | null;
    createdAt: string;
    updatedAt: string;
    error: { code: string; message: string } | null;
  };
};

export type PrecomputeLimitsQueryVariables = Exact<{ [key: string]: never }>;

export type PrecomputeLimitsQuery = {
  parameters: {
    precomputeDirections: {
      images: { min: number | null; max: number | null; default: number | null };
      samples: { min: number | null; max: number | null; default: number | null };
    };
  };
};

export type PhotoDetailFragment = {
  id: string;
  state: PhotoState;
  width: number;
  height: number;
  detected: number | null;
  maxFaces: number;
  minScore: number;
  error: { code: string; message: string } | null;
  job: {
    id: string;
    kind: JobKind;
    state: JobState;
    modelSetId: string;
    progress: number;
    phase: string | null;
    done: number;
    total: number;
    etaSeconds: number | null;
    createdAt: string;
    updatedAt: string;
    error: { code: string; message: string } | null;
  } | null;
  image: {
    id: string;
    source: ImageSource;
    url: string;
    width: number;
    height: number;
    createdAt: string;
    modelSetId: string;
    seed: number | null;
    truncation: number | null;
    inversionStatus: InversionStatus | null;
    latent: { id: string; space: LatentSpace } | null;
  };
  faces: Array<{
    index: number;
    score: number;
    cached: boolean;
    alignedUrl: string;
    reconstructionUrl: string;
    box: { left: number; top: number; right: number; bottom: number };
    landmarks: Array<{ x: number; y: number }>;
    image: { id: string; url: string };
  }>;
};

export type PhotoQueryVariables = Exact<{
  id: string;
}>;

export type PhotoQuery = {
  photo: {
    id: string;
    state: PhotoState;
    width: number;
    height: number;
    detected: number | null;
    maxFaces: number;
    minScore: number;
    error: { code: string; message: string } | null;
    job: {
      id: string;
      kind: JobKind;
      state: JobState;
      modelSetId: string;
      progress: number;
      phase: string | null;
      done: number;
      total: number;
      etaSeconds: number | null;
      createdAt: string;
      updatedAt: string;
      error: { code: string; message: string } | null;
    } | null;
    image: {
      id: string;
      source: ImageSource;
      url: string;
      width: number;
      height: number;
      createdAt: string;
      modelSetId: string;
      seed: number | null;
      truncation: number | null;
      inversionStatus: InversionStatus | null;
      latent: { id: string; space: LatentSpace } | null;
    };
    faces: Array<{
      index: number;
      score: number;
      cached: boolean;
      alignedUrl: string;
      reconstructionUrl: string;
      box: { left: number; top: number; right: number; bottom: number };
      landmarks: Array<{ x: number; y: number }>;
      image: { id: string; url: string };
    }>;
  } | null;
};

export type InvertPhotoMutationVariables = Exact<{
  input: InvertPhotoInput;
}>;

export type InvertPhotoMutation = {
  invertPhoto: {
    id: string;
    state: PhotoState;
    width: number;
    height: number;
    detected: number | null;
    maxFaces: number;
    minScore: number;
    error: { code: string; message: string } | null;
    job: {
      id: string;
      kind: JobKind;
      state: JobState;
      modelSetId: string;
      progress: number;
      phase: string | null;
      done: number;
      total: number;
      etaSeconds: number | null;
      createdAt: string;
      updatedAt: string;
      error: { code: string; message: string } | null;
    } | null;
    image: {
      id: string;
      source: ImageSource;
      url: string;
      width: number;
      height: number;
      createdAt: string;
      modelSetId: string;
      seed: number | null;
      truncation: number | null;
      inversionStatus: InversionStatus | null;
      latent: { id: string; space: LatentSpace } | null;
    };
    faces: Array<{
      index: number;
      score: number;
      cached: boolean;
      alignedUrl: string;
      reconstructionUrl: string;
      box: { left: number; top: number; right: number; bottom: number };
      landmarks: Array<{ x: number; y: number }>;
      image: { id: string; url: string };
    }>;
  };
};

export type EditPhotoMutationVariables = Exact<{
  input: EditGlobalInput;
}>;

export type EditPhotoMutation = {
  editGlobal: {
    id: string;
    method: EditMethod;
    createdAt: string;
    neutral: string | null;
    target: string | null;
    alphas: Array<number> | null;
    beta: number | null;
    autoBeta: boolean | null;
    channels: number | null;
    mapper: string | null;
    strength: number | null;
    shareUrl: string;
    faces: Array<number> | null;
    topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
    results: Array<{
      alpha: number | null;
      face: number | null;
      image: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        latent: { id: string; space: LatentSpace } | null;
      };
    }>;
    image: {
      id: string;
      source: ImageSource;
      url: string;
      width: number;
      height: number;
      createdAt: string;
      modelSetId: string;
      seed: number | null;
      truncation: number | null;
      inversionStatus: InversionStatus | null;
      latent: { id: string; space: LatentSpace } | null;
    };
    pastedBack: Array<{
      alpha: number | null;
      image: { id: string; url: string; width: number; height: number };
    }>;
  };
};

export type HealthQueryVariables = Exact<{ [key: string]: never }>;

export type HealthQuery = {
  health: { status: string; version: string; modelSets: Array<string>; storage: string };
};

export type TrainingJobFragment = {
  previewUrl: string | null;
  id: string;
  kind: JobKind;
  state: JobState;
  modelSetId: string;
  progress: number;
  phase: string | null;
  done: number;
  total: number;
  etaSeconds: number | null;
  createdAt: string;
  updatedAt: string;
  training: {
    step: number;
    steps: number;
    mapper: string | null;
    losses: {
      clip: number | null;
      l2: number | null;
      id: number | null;
      total: number;
      lr: number | null;
    } | null;
    curve: {
      stride: number;
      step: Array<number>;
      total: Array<number>;
      clip: Array<number> | null;
      l2: Array<number> | null;
      id: Array<number> | null;
    };
    evaluations: Array<{
      step: number;
      losses: { clip: number | null; l2: number | null; id: number | null; total: number };
    }> | null;
  } | null;
  edit: {
    id: string;
    method: EditMethod;
    createdAt: string;
    neutral: string | null;
    target: string | null;
    alphas: Array<number> | null;
    beta: number | null;
    autoBeta: boolean | null;
    channels: number | null;
    mapper: string | null;
    strength: number | null;
    shareUrl: string;
    faces: Array<number> | null;
    topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
    results: Array<{
      alpha: number | null;
      face: number | null;
      image: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        latent: { id: string; space: LatentSpace } | null;
      };
    }>;
    image: {
      id: string;
      source: ImageSource;
      url: string;
      width: number;
      height: number;
      createdAt: string;
      modelSetId: string;
      seed: number | null;
      truncation: number | null;
      inversionStatus: InversionStatus | null;
      latent: { id: string; space: LatentSpace } | null;
    };
    pastedBack: Array<{
      alpha: number | null;
      image: { id: string; url: string; width: number; height: number };
    }>;
  } | null;
  trainedMapper: { name: string; text: string; checkpointUrl: string; paramsSha256: string } | null;
  error: { code: string; message: string } | null;
};

export type TrainingJobQueryVariables = Exact<{
  id: string;
}>;

export type TrainingJobQuery = {
  job: {
    previewUrl: string | null;
    id: string;
    kind: JobKind;
    state: JobState;
    modelSetId: string;
    progress: number;
    phase: string | null;
    done: number;
    total: number;
    etaSeconds: number | null;
    createdAt: string;
    updatedAt: string;
    training: {
      step: number;
      steps: number;
      mapper: string | null;
      losses: {
        clip: number | null;
        l2: number | null;
        id: number | null;
        total: number;
        lr: number | null;
      } | null;
      curve: {
        stride: number;
        step: Array<number>;
        total: Array<number>;
        clip: Array<number> | null;
        l2: Array<number> | null;
        id: Array<number> | null;
      };
      evaluations: Array<{
        step: number;
        losses: { clip: number | null; l2: number | null; id: number | null; total: number };
      }> | null;
    } | null;
    edit: {
      id: string;
      method: EditMethod;
      createdAt: string;
      neutral: string | null;
      target: string | null;
      alphas: Array<number> | null;
      beta: number | null;
      autoBeta: boolean | null;
      channels: number | null;
      mapper: string | null;
      strength: number | null;
      shareUrl: string;
      faces: Array<number> | null;
      topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
      results: Array<{
        alpha: number | null;
        face: number | null;
        image: {
          id: string;
          source: ImageSource;
          url: string;
          width: number;
          height: number;
          createdAt: string;
          modelSetId: string;
          seed: number | null;
          truncation: number | null;
          inversionStatus: InversionStatus | null;
          latent: { id: string; space: LatentSpace } | null;
        };
      }>;
      image: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        latent: { id: string; space: LatentSpace } | null;
      };
      pastedBack: Array<{
        alpha: number | null;
        image: { id: string; url: string; width: number; height: number };
      }>;
    } | null;
    trainedMapper: { name: string; text: string; checkpointUrl: string; paramsSha256: string } | null;
    error: { code: string; message: string } | null;
  } | null;
};

export type OptimizeLatentMutationVariables = Exact<{
  input: OptimizeLatentInput;
}>;

export type OptimizeLatentMutation = {
  optimizeLatent: {
    previewUrl: string | null;
    id: string;
    kind: JobKind;
    state: JobState;
    modelSetId: string;
    progress: number;
    phase: string | null;
    done: number;
    total: number;
    etaSeconds: number | null;
    createdAt: string;
    updatedAt: string;
    training: {
      step: number;
      steps: number;
      mapper: string | null;
      losses: {
        clip: number | null;
        l2: number | null;
        id: number | null;
        total: number;
        lr: number | null;
      } | null;
      curve: {
        stride: number;
        step: Array<number>;
        total: Array<number>;
        clip: Array<number> | null;
        l2: Array<number> | null;
        id: Array<number> | null;
      };
      evaluations: Array<{
        step: number;
        losses: { clip: number | null; l2: number | null; id: number | null; total: number };
      }> | null;
    } | null;
    edit: {
      id: string;
      method: EditMethod;
      createdAt: string;
      neutral: string | null;
      target: string | null;
      alphas: Array<number> | null;
      beta: number | null;
      autoBeta: boolean | null;
      channels: number | null;
      mapper: string | null;
      strength: number | null;
      shareUrl: string;
      faces: Array<number> | null;
      topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
      results: Array<{
        alpha: number | null;
        face: number | null;
        image: {
          id: string;
          source: ImageSource;
          url: string;
          width: number;
          height: number;
          createdAt: string;
          modelSetId: string;
          seed: number | null;
          truncation: number | null;
          inversionStatus: InversionStatus | null;
          latent: { id: string; space: LatentSpace } | null;
        };
      }>;
      image: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        latent: { id: string; space: LatentSpace } | null;
      };
      pastedBack: Array<{
        alpha: number | null;
        image: { id: string; url: string; width: number; height: number };
      }>;
    } | null;
    trainedMapper: { name: string; text: string; checkpointUrl: string; paramsSha256: string } | null;
    error: { code: string; message: string } | null;
  };
};

export type TrainMapperMutationVariables = Exact<{
  input: TrainMapperInput;
}>;

export type TrainMapperMutation = {
  trainMapper: {
    previewUrl: string | null;
    id: string;
    kind: JobKind;
    state: JobState;
    modelSetId: string;
    progress: number;
    phase: string | null;
    done: number;
    total: number;
    etaSeconds: number | null;
    createdAt: string;
    updatedAt: string;
    training: {
      step: number;
      steps: number;
      mapper: string | null;
      losses: {
        clip: number | null;
        l2: number | null;
        id: number | null;
        total: number;
        lr: number | null;
      } | null;
      curve: {
        stride: number;
        step: Array<number>;
        total: Array<number>;
        clip: Array<number> | null;
        l2: Array<number> | null;
        id: Array<number> | null;
      };
      evaluations: Array<{
        step: number;
        losses: { clip: number | null; l2: number | null; id: number | null; total: number };
      }> | null;
    } | null;
    edit: {
      id: string;
      method: EditMethod;
      createdAt: string;
      neutral: string | null;
      target: string | null;
      alphas: Array<number> | null;
      beta: number | null;
      autoBeta: boolean | null;
      channels: number | null;
      mapper: string | null;
      strength: number | null;
      shareUrl: string;
      faces: Array<number> | null;
      topChannels: Array<{ layer: number; layerName: string | null; channel: number; weight: number }> | null;
      results: Array<{
        alpha: number | null;
        face: number | null;
        image: {
          id: string;
          source: ImageSource;
          url: string;
          width: number;
          height: number;
          createdAt: string;
          modelSetId: string;
          seed: number | null;
          truncation: number | null;
          inversionStatus: InversionStatus | null;
          latent: { id: string; space: LatentSpace } | null;
        };
      }>;
      image: {
        id: string;
        source: ImageSource;
        url: string;
        width: number;
        height: number;
        createdAt: string;
        modelSetId: string;
        seed: number | null;
        truncation: number | null;
        inversionStatus: InversionStatus | null;
        latent: { id: string; space: LatentSpace } | null;
      };
      pastedBack: Array<{
        alpha: number | null;
        image: { id: string; url: string; width: number; height: number };
      }>;
    } | null;
    trainedMapper: { name: string; text: string; checkpointUrl: string; paramsSha256: string } | null;
    error: { code: string; message: string } | null;
  };
};

export type TrainingParametersQueryVariables = Exact<{ [key: string]: never }>;

export type TrainingParametersQuery = {
  parameters: {
    optimizeLatent: {
      steps: { default: number | null; min: number | null; max: number | null };
      l2Lambda: { default: number | null };
      idLambda: { default: number | null };
      lr: { default: number | null };
    };
    trainMapper: {
      steps: { default: number | null; min: number | null; max: number | null };
      batch: { default: number | null; min: number | null; max: number | null };
      lr: { default: number | null };
      clipLambda: { default: number | null };
      l2Lambda: { default: number | null };
      idLambda: { default: number | null };
      seedCount: { default: number | null; min: number | null; max: number | null };
    };
  };
  modelSet: { id: string; hasClip: boolean } | null;
};

export type CreateUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;

export type CreateUploadMutation = {
  createUpload: {
    uploadId: string;
    method: string;
    url: string;
    expiresAt: string;
    headers: Array<{ name: string; value: string }>;
  };
};

export type CompleteUploadMutationVariables = Exact<{
  uploadId: string;
}>;

export type CompleteUploadMutation = {
  completeUpload: {
    id: string;
    source: ImageSource;
    url: string;
    width: number;
    height: number;
    createdAt: string;
    modelSetId: string;
    seed: number | null;
    truncation: number | null;
    inversionStatus: InversionStatus | null;
    latent: { id: string; space: LatentSpace } | null;
  };
};

export type UploadLimitsQueryVariables = Exact<{ [key: string]: never }>;

export type UploadLimitsQuery = {
  parameters: {
    createUpload: { size: { max: number | null }; contentType: { values: Array<string> } };
    uploadedImage: { width: { max: number | null }; height: { max: number | null } };
  };
};

export type ImageSummaryFragment = {
  id: string;
  source: ImageSource;
  url: string;
  width: number;
  height: number;
  createdAt: string;
  modelSetId: string;
  seed: number | null;
  truncation: number | null;
  inversionStatus: InversionStatus | null;
  latent: { id: string; space: LatentSpace } | null;
};

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ModelSetDetailFragmentDoc = new TypedDocumentString(
  `
    fragment ModelSetDetail on ModelSet {
  id
  size
  styleDim
  nLatent
  hasClip
  hasDirections
  inversionConfigured
  mappers {
    name
    coarse
    medium
    fine
  }
  directions {
    rows
    layers
    images
    origin
  }
}
    `,
  { fragmentName: 'ModelSetDetail' },
) as unknown as TypedDocumentString<ModelSetDetailFragment, unknown>;
export const JobStatusFragmentDoc = new TypedDocumentString(
  `
    fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}
    `,
  { fragmentName: 'JobStatus' },
) as unknown as TypedDocumentString<JobStatusFragment, unknown>;
export const ImageSummaryFragmentDoc = new TypedDocumentString(
  `
    fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}
    `,
  { fragmentName: 'ImageSummary' },
) as unknown as TypedDocumentString<ImageSummaryFragment, unknown>;
export const PhotoDetailFragmentDoc = new TypedDocumentString(
  `
    fragment PhotoDetail on Photo {
  id
  state
  width
  height
  detected
  maxFaces
  minScore
  error {
    code
    message
  }
  job {
    ...JobStatus
  }
  image {
    ...ImageSummary
  }
  faces {
    index
    score
    cached
    alignedUrl
    reconstructionUrl
    box {
      left
      top
      right
      bottom
    }
    landmarks {
      x
      y
    }
    image {
      id
      url
    }
  }
}
    fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`,
  { fragmentName: 'PhotoDetail' },
) as unknown as TypedDocumentString<PhotoDetailFragment, unknown>;
export const TopChannelFragmentDoc = new TypedDocumentString(
  `
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
    `,
  { fragmentName: 'TopChannel' },
) as unknown as TypedDocumentString<TopChannelFragment, unknown>;
export const EditDetailFragmentDoc = new TypedDocumentString(
  `
    fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`,
  { fragmentName: 'EditDetail' },
) as unknown as TypedDocumentString<EditDetailFragment, unknown>;
export const TrainingJobFragmentDoc = new TypedDocumentString(
  `
    fragment TrainingJob on Job {
  ...JobStatus
  previewUrl
  training {
    step
    steps
    mapper
    losses {
      clip
      l2
      id
      total
      lr
    }
    curve {
      stride
      step
      total
      clip
      l2
      id
    }
    evaluations {
      step
      losses {
        clip
        l2
        id
        total
      }
    }
  }
  edit {
    ...EditDetail
  }
  trainedMapper {
    name
    text
    checkpointUrl
    paramsSha256
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`,
  { fragmentName: 'TrainingJob' },
) as unknown as TypedDocumentString<TrainingJobFragment, unknown>;
export const EditDocument = new TypedDocumentString(`
    query Edit($id: ID!) {
  edit(id: $id) {
    ...EditDetail
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<EditQuery, EditQueryVariables>;
export const EditorImageDocument = new TypedDocumentString(`
    query EditorImage($id: ID!) {
  image(id: $id) {
    ...ImageSummary
    face {
      index
    }
    photo {
      id
      width
      height
      image {
        id
        url
      }
    }
  }
}
    fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<EditorImageQuery, EditorImageQueryVariables>;
export const EditorModelSetDocument = new TypedDocumentString(`
    query EditorModelSet($id: ID) {
  modelSet(id: $id) {
    id
    size
    previewResolution
    hasClip
    hasDirections
    mappers {
      name
      coarse
      medium
      fine
    }
  }
}
    `) as unknown as TypedDocumentString<EditorModelSetQuery, EditorModelSetQueryVariables>;
export const TextDirectionDocument = new TypedDocumentString(`
    query TextDirection($input: TextDirectionInput!) {
  textDirection(input: $input) {
    channels
    beta
    maxAbsRelevance
    dtNorm
    topChannels {
      ...TopChannel
    }
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}`) as unknown as TypedDocumentString<TextDirectionQuery, TextDirectionQueryVariables>;
export const PreviewGlobalEditDocument = new TypedDocumentString(`
    query PreviewGlobalEdit($input: EditGlobalInput!, $resolution: Int) {
  previewGlobalEdit(input: $input, resolution: $resolution) {
    channels
    beta
    autoBeta
    topChannels {
      ...TopChannel
    }
    images {
      alpha
      width
      height
      dataUrl
    }
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}`) as unknown as TypedDocumentString<PreviewGlobalEditQuery, PreviewGlobalEditQueryVariables>;
export const PreviewMapperEditDocument = new TypedDocumentString(`
    query PreviewMapperEdit($input: EditMapperInput!, $resolution: Int) {
  previewMapperEdit(input: $input, resolution: $resolution) {
    strength
    images {
      alpha
      width
      height
      dataUrl
    }
  }
}
    `) as unknown as TypedDocumentString<PreviewMapperEditQuery, PreviewMapperEditQueryVariables>;
export const EditGlobalDocument = new TypedDocumentString(`
    mutation EditGlobal($input: EditGlobalInput!) {
  editGlobal(input: $input) {
    ...EditDetail
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<EditGlobalMutation, EditGlobalMutationVariables>;
export const EditMapperDocument = new TypedDocumentString(`
    mutation EditMapper($input: EditMapperInput!) {
  editMapper(input: $input) {
    ...EditDetail
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<EditMapperMutation, EditMapperMutationVariables>;
export const DeleteEditDocument = new TypedDocumentString(`
    mutation DeleteEdit($id: ID!) {
  deleteEdit(id: $id) {
    images
    edits
    files
  }
}
    `) as unknown as TypedDocumentString<DeleteEditMutation, DeleteEditMutationVariables>;
export const EditorDefaultsDocument = new TypedDocumentString(`
    query EditorDefaults {
  parameters {
    editGlobal {
      beta {
        default
      }
    }
    editMapper {
      strength {
        default
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EditorDefaultsQuery, EditorDefaultsQueryVariables>;
export const GalleryDocument = new TypedDocumentString(`
    query Gallery($first: Int, $after: String, $filter: ImageFilter) {
  images(first: $first, after: $after, filter: $filter) {
    edges {
      cursor
      node {
        ...ImageSummary
        edits(first: 4) {
          edges {
            cursor
            node {
              id
              method
              results {
                image {
                  id
                  url
                }
              }
            }
          }
          pageInfo {
            endCursor
            hasNextPage
          }
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<GalleryQuery, GalleryQueryVariables>;
export const ImageDocument = new TypedDocumentString(`
    query Image($id: ID!, $editsAfter: String) {
  image(id: $id) {
    ...ImageSummary
    face {
      index
    }
    photo {
      id
    }
    parentEdit {
      id
      method
      neutral
      target
      mapper
      image {
        id
      }
    }
    edits(first: 20, after: $editsAfter) {
      edges {
        cursor
        node {
          ...EditDetail
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<ImageQuery, ImageQueryVariables>;
export const GenerateImagesDocument = new TypedDocumentString(`
    mutation GenerateImages($input: GenerateImagesInput!) {
  generateImages(input: $input) {
    ...ImageSummary
  }
}
    fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<GenerateImagesMutation, GenerateImagesMutationVariables>;
export const DeleteImageDocument = new TypedDocumentString(`
    mutation DeleteImage($id: ID!) {
  deleteImage(id: $id) {
    images
    edits
    files
  }
}
    `) as unknown as TypedDocumentString<DeleteImageMutation, DeleteImageMutationVariables>;
export const GenerateLimitsDocument = new TypedDocumentString(`
    query GenerateLimits {
  parameters {
    generateImages {
      seeds {
        maxItems
      }
      truncation {
        min
        max
        default
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GenerateLimitsQuery, GenerateLimitsQueryVariables>;
export const JobDocument = new TypedDocumentString(`
    query Job($id: ID!) {
  job(id: $id) {
    ...JobStatus
  }
}
    fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}`) as unknown as TypedDocumentString<JobQuery, JobQueryVariables>;
export const JobsDocument = new TypedDocumentString(`
    query Jobs($first: Int, $after: String) {
  jobs(first: $first, after: $after) {
    edges {
      cursor
      node {
        ...JobStatus
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}`) as unknown as TypedDocumentString<JobsQuery, JobsQueryVariables>;
export const CancelJobDocument = new TypedDocumentString(`
    mutation CancelJob($id: ID!) {
  cancelJob(id: $id) {
    ...JobStatus
  }
}
    fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}`) as unknown as TypedDocumentString<CancelJobMutation, CancelJobMutationVariables>;
export const ModelSetDocument = new TypedDocumentString(`
    query ModelSet($id: ID) {
  modelSet(id: $id) {
    ...ModelSetDetail
  }
}
    fragment ModelSetDetail on ModelSet {
  id
  size
  styleDim
  nLatent
  hasClip
  hasDirections
  inversionConfigured
  mappers {
    name
    coarse
    medium
    fine
  }
  directions {
    rows
    layers
    images
    origin
  }
}`) as unknown as TypedDocumentString<ModelSetQuery, ModelSetQueryVariables>;
export const ModelSetsDocument = new TypedDocumentString(`
    query ModelSets {
  modelSets {
    ...ModelSetDetail
  }
}
    fragment ModelSetDetail on ModelSet {
  id
  size
  styleDim
  nLatent
  hasClip
  hasDirections
  inversionConfigured
  mappers {
    name
    coarse
    medium
    fine
  }
  directions {
    rows
    layers
    images
    origin
  }
}`) as unknown as TypedDocumentString<ModelSetsQuery, ModelSetsQueryVariables>;
export const PrecomputeDirectionsDocument = new TypedDocumentString(`
    mutation PrecomputeDirections($input: PrecomputeDirectionsInput!) {
  precomputeDirections(input: $input) {
    ...JobStatus
  }
}
    fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}`) as unknown as TypedDocumentString<PrecomputeDirectionsMutation, PrecomputeDirectionsMutationVariables>;
export const PrecomputeLimitsDocument = new TypedDocumentString(`
    query PrecomputeLimits {
  parameters {
    precomputeDirections {
      images {
        min
        max
        default
      }
      samples {
        min
        max
        default
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PrecomputeLimitsQuery, PrecomputeLimitsQueryVariables>;
export const PhotoDocument = new TypedDocumentString(`
    query Photo($id: ID!) {
  photo(id: $id) {
    ...PhotoDetail
  }
}
    fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}
fragment PhotoDetail on Photo {
  id
  state
  width
  height
  detected
  maxFaces
  minScore
  error {
    code
    message
  }
  job {
    ...JobStatus
  }
  image {
    ...ImageSummary
  }
  faces {
    index
    score
    cached
    alignedUrl
    reconstructionUrl
    box {
      left
      top
      right
      bottom
    }
    landmarks {
      x
      y
    }
    image {
      id
      url
    }
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<PhotoQuery, PhotoQueryVariables>;
export const InvertPhotoDocument = new TypedDocumentString(`
    mutation InvertPhoto($input: InvertPhotoInput!) {
  invertPhoto(input: $input) {
    ...PhotoDetail
  }
}
    fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}
fragment PhotoDetail on Photo {
  id
  state
  width
  height
  detected
  maxFaces
  minScore
  error {
    code
    message
  }
  job {
    ...JobStatus
  }
  image {
    ...ImageSummary
  }
  faces {
    index
    score
    cached
    alignedUrl
    reconstructionUrl
    box {
      left
      top
      right
      bottom
    }
    landmarks {
      x
      y
    }
    image {
      id
      url
    }
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<InvertPhotoMutation, InvertPhotoMutationVariables>;
export const EditPhotoDocument = new TypedDocumentString(`
    mutation EditPhoto($input: EditGlobalInput!) {
  editGlobal(input: $input) {
    ...EditDetail
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<EditPhotoMutation, EditPhotoMutationVariables>;
export const HealthDocument = new TypedDocumentString(`
    query Health {
  health {
    status
    version
    modelSets
    storage
  }
}
    `) as unknown as TypedDocumentString<HealthQuery, HealthQueryVariables>;
export const TrainingJobDocument = new TypedDocumentString(`
    query TrainingJob($id: ID!) {
  job(id: $id) {
    ...TrainingJob
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}
fragment TrainingJob on Job {
  ...JobStatus
  previewUrl
  training {
    step
    steps
    mapper
    losses {
      clip
      l2
      id
      total
      lr
    }
    curve {
      stride
      step
      total
      clip
      l2
      id
    }
    evaluations {
      step
      losses {
        clip
        l2
        id
        total
      }
    }
  }
  edit {
    ...EditDetail
  }
  trainedMapper {
    name
    text
    checkpointUrl
    paramsSha256
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<TrainingJobQuery, TrainingJobQueryVariables>;
export const OptimizeLatentDocument = new TypedDocumentString(`
    mutation OptimizeLatent($input: OptimizeLatentInput!) {
  optimizeLatent(input: $input) {
    ...TrainingJob
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}
fragment TrainingJob on Job {
  ...JobStatus
  previewUrl
  training {
    step
    steps
    mapper
    losses {
      clip
      l2
      id
      total
      lr
    }
    curve {
      stride
      step
      total
      clip
      l2
      id
    }
    evaluations {
      step
      losses {
        clip
        l2
        id
        total
      }
    }
  }
  edit {
    ...EditDetail
  }
  trainedMapper {
    name
    text
    checkpointUrl
    paramsSha256
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<OptimizeLatentMutation, OptimizeLatentMutationVariables>;
export const TrainMapperDocument = new TypedDocumentString(`
    mutation TrainMapper($input: TrainMapperInput!) {
  trainMapper(input: $input) {
    ...TrainingJob
  }
}
    fragment TopChannel on Channel {
  layer
  layerName
  channel
  weight
}
fragment EditDetail on Edit {
  id
  method
  createdAt
  neutral
  target
  alphas
  beta
  autoBeta
  channels
  mapper
  strength
  shareUrl
  topChannels {
    ...TopChannel
  }
  results {
    alpha
    face
    image {
      ...ImageSummary
    }
  }
  image {
    ...ImageSummary
  }
  faces
  pastedBack {
    alpha
    image {
      id
      url
      width
      height
    }
  }
}
fragment JobStatus on Job {
  id
  kind
  state
  modelSetId
  progress
  phase
  done
  total
  etaSeconds
  createdAt
  updatedAt
  error {
    code
    message
  }
}
fragment TrainingJob on Job {
  ...JobStatus
  previewUrl
  training {
    step
    steps
    mapper
    losses {
      clip
      l2
      id
      total
      lr
    }
    curve {
      stride
      step
      total
      clip
      l2
      id
    }
    evaluations {
      step
      losses {
        clip
        l2
        id
        total
      }
    }
  }
  edit {
    ...EditDetail
  }
  trainedMapper {
    name
    text
    checkpointUrl
    paramsSha256
  }
}
fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<TrainMapperMutation, TrainMapperMutationVariables>;
export const TrainingParametersDocument = new TypedDocumentString(`
    query TrainingParameters {
  parameters {
    optimizeLatent {
      steps {
        default
        min
        max
      }
      l2Lambda {
        default
      }
      idLambda {
        default
      }
      lr {
        default
      }
    }
    trainMapper {
      steps {
        default
        min
        max
      }
      batch {
        default
        min
        max
      }
      lr {
        default
      }
      clipLambda {
        default
      }
      l2Lambda {
        default
      }
      idLambda {
        default
      }
      seedCount {
        default
        min
        max
      }
    }
  }
  modelSet {
    id
    hasClip
  }
}
    `) as unknown as TypedDocumentString<TrainingParametersQuery, TrainingParametersQueryVariables>;
export const CreateUploadDocument = new TypedDocumentString(`
    mutation CreateUpload($input: CreateUploadInput!) {
  createUpload(input: $input) {
    uploadId
    method
    url
    headers {
      name
      value
    }
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<CreateUploadMutation, CreateUploadMutationVariables>;
export const CompleteUploadDocument = new TypedDocumentString(`
    mutation CompleteUpload($uploadId: ID!) {
  completeUpload(uploadId: $uploadId) {
    ...ImageSummary
  }
}
    fragment ImageSummary on Image {
  id
  source
  url
  width
  height
  createdAt
  modelSetId
  seed
  truncation
  inversionStatus
  latent {
    id
    space
  }
}`) as unknown as TypedDocumentString<CompleteUploadMutation, CompleteUploadMutationVariables>;
export const UploadLimitsDocument = new TypedDocumentString(`
    query UploadLimits {
  parameters {
    createUpload {
      size {
        max
      }
      contentType {
        values
      }
    }
    uploadedImage {
      width {
        max
      }
      height {
        max
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UploadLimitsQuery, UploadLimitsQueryVariables>;
