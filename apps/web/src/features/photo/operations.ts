// An uploaded photo: its faces (boxes, landmarks, aligned crops, reconstructions, the face images), the job that
// finds them, finding them again, and editing one or every face with the result pasted back into the photo.
import type { ResultOf } from '../../shared/api/document';
import { graphql } from '../../shared/api/generated';

// Declared for codegen: spread as `...PhotoDetail`.
graphql(`
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
`);

export const PhotoQuery = graphql(`
  query Photo($id: ID!) {
    photo(id: $id) {
      ...PhotoDetail
    }
  }
`);

export const InvertPhotoMutation = graphql(`
  mutation InvertPhoto($input: InvertPhotoInput!) {
    invertPhoto(input: $input) {
      ...PhotoDetail
    }
  }
`);

/** A text edit of faces of the photo, pasted back (the editor's `EditDetail`, with the pasted-back photos). */
export const EditPhotoMutation = graphql(`
  mutation EditPhoto($input: EditGlobalInput!) {
    editGlobal(input: $input) {
      ...EditDetail
    }
  }
`);

export type PhotoDetail = NonNullable<ResultOf<typeof PhotoQuery>['photo']>;
export type PhotoFace = PhotoDetail['faces'][number];
