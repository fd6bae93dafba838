// The editor: the image and model set it edits, the channel count of a text pair, live previews (nothing
// stored) and the mutations that store an edit; and one edit with its results (its own page).
import type { ResultOf } from '../../shared/api/document';
import { graphql } from '../../shared/api/generated';
import type {
  EditDetailFragment,
  EditGlobalInput,
  EditMapperInput,
} from '../../shared/api/generated/graphql';

// Declared for codegen: spread as `...TopChannel` and `...EditDetail` (also by the gallery's image query).
graphql(`
  fragment TopChannel on Channel {
    layer
    layerName
    channel
    weight
  }
`);
graphql(`
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
`);

export const EditQuery = graphql(`
  query Edit($id: ID!) {
    edit(id: $id) {
      ...EditDetail
    }
  }
`);

export const EditorImageQuery = graphql(`
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
`);

/** What the editor needs of a model set: whether text edits work, and its mappers. */
export const EditorModelSetQuery = graphql(`
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
`);

/** How many channels a text pair moves at β (no image is rendered). */
export const TextDirectionQuery = graphql(`
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
`);

/** A global edit rendered without storing anything (the live preview); EditGlobalMutation keeps it. */
export const PreviewGlobalEditQuery = graphql(`
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
`);

/** A mapper edit rendered without storing anything (the live preview); EditMapperMutation keeps it. */
export const PreviewMapperEditQuery = graphql(`
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
`);

export const EditGlobalMutation = graphql(`
  mutation EditGlobal($input: EditGlobalInput!) {
    editGlobal(input: $input) {
      ...EditDetail
    }
  }
`);

export const EditMapperMutation = graphql(`
  mutation EditMapper($input: EditMapperInput!) {
    editMapper(input: $input) {
      ...EditDetail
    }
  }
`);

/** An edit with its parameters and results. */
export type EditDetail = EditDetailFragment;
export type EditorImage = NonNullable<ResultOf<typeof EditorImageQuery>['image']>;
export type EditorModelSet = NonNullable<ResultOf<typeof EditorModelSetQuery>['modelSet']>;
export type TextDirectionPreview = ResultOf<typeof TextDirectionQuery>['textDirection'];
export type { EditGlobalInput, EditMapperInput };

/** Delete an edit with its results (the API removes files no other image uses). */
export const DeleteEditMutation = graphql(`
  mutation DeleteEdit($id: ID!) {
    deleteEdit(id: $id) {
      images
      edits
      files
    }
  }
`);

/** The editor's starting β and mapper strength: the API's defaults (`parameters`, their one definition). */
export const EditorDefaultsQuery = graphql(`
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
`);

/** What the panels start from when no edit prefills them. */
export interface EditorDefaults {
  beta: number;
  strength: number;
}

/** The defaults from the query's answer; undefined while any is missing. */
export function editorDefaultsOf(
  data: ResultOf<typeof EditorDefaultsQuery> | undefined,
): EditorDefaults | undefined {
  const beta = data?.parameters.editGlobal.beta.default;
  const strength = data?.parameters.editMapper.strength.default;
  return beta == null || strength == null ? undefined : { beta, strength };
}
