import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '@styleclip/testing';
import { formatTemplates, templates, type TemplateSet } from './templates';

describe('templates', () => {
  it('ships StyleCLIP’s 79 templates', () => {
    const list = templates('styleclip79');
    expect(list).toHaveLength(79);
    expect(list[0]).toBe('a bad photo of a {}.');
    expect(list[1]).toBe('a sculpture of a {}.');
    expect(list[78]).toBe('a tattoo of the {}.');
    expect(list).not.toContain('a photo of many {}.');
    expect(templates()).toBe(list);
  });

  it('ships CLIP’s 80 templates', () => {
    const list = templates('clip80');
    expect(list).toHaveLength(80);
    expect(list.slice(0, 3)).toEqual(['a bad photo of a {}.', 'a photo of many {}.', 'a sculpture of a {}.']);
    expect(list[78]).toBe('a photo of a small {}.');
    expect(list[79]).toBe('a tattoo of the {}.');
  });

  it('79 = 80 minus "a photo of many {}.", same order', () => {
    expect(templates('clip80').filter((t) => t !== 'a photo of many {}.')).toEqual(templates('styleclip79'));
    expect(new Set(templates('clip80')).size).toBe(80);
  });

  it('matches the files in shared/data', () => {
    const read = (name: string) => JSON.parse(readFileSync(dataPath(name), 'utf8')) as string[];
    expect(templates('clip80')).toEqual(read('imagenet_templates.json'));
    expect(templates('styleclip79')).toEqual(read('imagenet_templates_styleclip79.json'));
  });

  it('is read-only and rejects unknown sets', () => {
    expect(Object.isFrozen(templates('clip80'))).toBe(true);
    expect(() => templates('clip81' as TemplateSet)).toThrow(/unknown template set "clip81"/);
  });
});

describe('formatTemplates', () => {
  it('inserts the text verbatim into every template', () => {
    const out = formatTemplates('face with glasses');
    expect(out).toHaveLength(79);
    expect(out[0]).toBe('a bad photo of a face with glasses.');
    expect(out[78]).toBe('a tattoo of the face with glasses.');
    expect(formatTemplates('tiger', 'clip80')[1]).toBe('a photo of many tiger.');
  });

  it('does not interpret $ patterns or braces in the text', () => {
    expect(formatTemplates("$& $' {} cost", 'clip80')[0]).toBe("a bad photo of a $& $' {} cost.");
  });
});
