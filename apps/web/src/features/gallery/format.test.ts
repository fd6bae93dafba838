import { describe, expect, it } from 'vitest';
import { deleteImageQuestion } from './format';

describe('deleteImageQuestion', () => {
  it('says what goes with the image', () => {
    expect(deleteImageQuestion(0)).toBe('Delete this image?');
    expect(deleteImageQuestion(1)).toBe('Delete this image, its edit and their results?');
    expect(deleteImageQuestion(3)).toBe('Delete this image, its 3 edits and their results?');
    expect(deleteImageQuestion(20, true)).toBe('Delete this image, its 20+ edits and their results?');
  });
});
