// Uploading a photo: a ticket saying where to PUT the bytes, then the API's check that creates the image.
import { graphql } from '../../shared/api/generated';
import type { ResultOf } from '../../shared/api/document';

export const CreateUploadMutation = graphql(`
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
`);

export const CompleteUploadMutation = graphql(`
  mutation CompleteUpload($uploadId: ID!) {
    completeUpload(uploadId: $uploadId) {
      ...ImageSummary
    }
  }
`);

export type UploadTicket = ResultOf<typeof CreateUploadMutation>['createUpload'];

/** What the API accepts (its `parameters`, the one definition of these limits). */
export const UploadLimitsQuery = graphql(`
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
`);

export type UploadLimitsData = ResultOf<typeof UploadLimitsQuery>;
