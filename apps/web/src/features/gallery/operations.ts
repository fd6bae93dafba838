// The gallery (a page of image cards), one image with its edits, and generating faces.
import type { ResultOf } from '../../shared/api/document';
import { graphql } from '../../shared/api/generated';
import type { EditMethod, ImageFilter, ImageSource } from '../../shared/api/generated/graphql';

export const GalleryQuery = graphql(`
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
`);

export const ImageQuery = graphql(`
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
`);

export const GenerateImagesMutation = graphql(`
  mutation GenerateImages($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      ...ImageSummary
    }
  }
`);

/** One page of the gallery. */
export type GalleryPage = ResultOf<typeof GalleryQuery>['images'];
/** A gallery card: the image and its latest edits (one page), with their results as thumbnails. */
export type GalleryImage = GalleryPage['edges'][number]['node'];
/** An image with its facts, the edit that made it (if any) and its edits. */
export type ImageDetail = NonNullable<ResultOf<typeof ImageQuery>['image']>;
export type { EditMethod, ImageFilter, ImageSource };

/** Delete an image with its edits and their results (the API removes files no other image uses). */
export const DeleteImageMutation = graphql(`
  mutation DeleteImage($id: ID!) {
    deleteImage(id: $id) {
      images
      edits
      files
    }
  }
`);

/** The limits and defaults of "Generate faces" (the API's `parameters`, their one definition). */
export const GenerateLimitsQuery = graphql(`
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
`);
