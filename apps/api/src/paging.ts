import { defaultOf, type Parameters } from '@styleclip/studio';
import type { DefaultFirst } from './limits';

/** The schema's connection fields and the page-size parameter each uses. */
const PAGED: Record<string, keyof Parameters['pages']['shape']> = {
  'Query.images': 'images',
  'Image.edits': 'edits',
  'Query.jobs': 'jobs',
};

/** `first` when a connection is queried without it: the page default of the parameter schema. */
export const pageDefaults =
  (params: Parameters): DefaultFirst =>
  (type, field) => {
    const list = PAGED[`${type}.${field}`];
    return list ? defaultOf(params.pages, list) : undefined;
  };
