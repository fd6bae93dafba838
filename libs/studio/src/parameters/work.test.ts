import { describe, expect, it } from 'vitest';
import { OPERATION_WORK, workOf } from './work';

describe('operation work', () => {
  it('counts the images an operation renders and stores from its list sizes', () => {
    expect(workOf('generateImages', { seeds: [1, 2, 3] })).toEqual({ units: 3, storedImages: 3 });
    const alphas = Array.from({ length: 16 }, (_, i) => i);
    expect(workOf('previewGlobalEdit', { alphas })).toEqual({ units: 16, storedImages: 0 });
    expect(workOf('editGlobal', { alphas })).toEqual({ units: 16, storedImages: 16 });
    // Left out: the schema's default list (one α).
    expect(workOf('editGlobal', {})).toEqual({ units: 1, storedImages: 1 });
    expect(workOf('previewMapperEdit', {})).toEqual({ units: 1, storedImages: 0 });
    expect(workOf('images', { first: 100 })).toEqual({ units: 0, storedImages: 0 });
  });

  it('declares every operation that runs a network', () => {
    expect(Object.keys(OPERATION_WORK)).toEqual(
      expect.arrayContaining(['generateImages', 'editGlobal', 'previewGlobalEdit', 'textDirection']),
    );
  });
});
