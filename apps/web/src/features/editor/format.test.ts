import { describe, expect, it } from 'vitest';
import { editTitle, formatAlpha, formatStrength } from './format';

describe('editor formats', () => {
  it('formats α with a sign', () => {
    expect(formatAlpha(4)).toBe('+4');
    expect(formatAlpha(-2.5)).toBe('-2.5');
    expect(formatAlpha(0)).toBe('0');
    expect(formatAlpha(null)).toBe('—');
    expect(formatStrength(1)).toBe('1.0');
    expect(formatStrength(-0.5)).toBe('-0.5');
  });

  it('titles an edit by its texts or its mapper', () => {
    expect(editTitle({ method: 'GLOBAL', neutral: 'a face', target: 'a smiling face' })).toBe(
      '“a face” → “a smiling face”',
    );
    expect(editTitle({ method: 'MAPPER', mapper: 'mohawk' })).toBe('Mapper “mohawk”');
  });
});
