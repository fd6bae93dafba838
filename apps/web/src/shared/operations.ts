// The fragment every feature spreads: an image as cards, the editor's stage and upload results show it.
import { graphql } from './api/generated';
import type { ImageSummaryFragment } from './api/generated/graphql';

// Declared for codegen: each operation that spreads `...ImageSummary` carries this definition in its text.
graphql(`
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
`);

export type ImageSummary = ImageSummaryFragment;
