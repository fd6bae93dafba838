import { describe, expect, it } from 'vitest';
import { StudioError } from '../errors';
import { describeParameters } from './describe';
import { defaultOf, parseField, parseParameters } from './parse';
import { defineParameters, PARAMETERS, UPLOAD_BYTES_CAP } from './schema';

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StudioError);
    expect((e as StudioError).code).toBe('BAD_INPUT');
    return (e as StudioError).message;
  }
  throw new Error('expected a refusal');
};

describe('the parameter schema', () => {
  it('fills defaults (null counts as absent) and keeps what is given', () => {
    expect(
      parseParameters(PARAMETERS.editGlobal, { neutral: 'face', target: 'old face', beta: null }),
    ).toEqual({
      neutral: 'face',
      target: 'old face',
      alphas: [4.1],
      beta: 0.15,
      autoBeta: false,
      pasteBack: false,
    });
    expect(parseParameters(PARAMETERS.generateImages, { seeds: [1, 2], truncation: 1 })).toEqual({
      seeds: [1, 2],
      truncation: 1,
    });
    expect(defaultOf(PARAMETERS.pages, 'images')).toBe(24);
  });

  it('refuses out-of-range values, naming every field and its limit', () => {
    expect(refusal(() => parseParameters(PARAMETERS.generateImages, { seeds: [], truncation: 3 }))).toBe(
      'seeds: give at least 1 value, got 0; truncation must be at most 2, got 3',
    );
    expect(refusal(() => parseParameters(PARAMETERS.generateImages, { seeds: [1.5] }))).toBe(
      'seeds[0] must be an integer, got 1.5',
    );
    expect(refusal(() => parseParameters(PARAMETERS.precomputeDirections, { layers: 'SOME' }))).toBe(
      'layers must be one of "OFFICIAL", "ALL", got "SOME"',
    );
    expect(refusal(() => parseField(PARAMETERS.editGlobal, 'alphas', Array(17).fill(1), '--alpha'))).toBe(
      '--alpha: give at most 16 values, got 17',
    );
  });

  it('describes every parameter for clients: kind, bounds, default, description', () => {
    const d = describeParameters(PARAMETERS);
    expect(d.editGlobal!.alphas).toMatchObject({
      kind: 'FLOAT_LIST',
      minItems: 1,
      maxItems: 16,
      min: -100,
      max: 100,
      default: [4.1],
    });
    expect(d.editGlobal!.beta).toMatchObject({ kind: 'FLOAT', min: 0, max: 1, default: 0.15 });
    expect(d.precomputeDirections!.layers).toMatchObject({
      kind: 'ENUM',
      values: ['OFFICIAL', 'ALL'],
      default: 'OFFICIAL',
    });
    expect(d.generateImages!.seeds).toMatchObject({ kind: 'INT_LIST', minItems: 1, maxItems: 16, min: 0 });
    for (const [op, fields] of Object.entries(d))
      for (const [name, p] of Object.entries(fields)) expect(p.kind, `${op}.${name}`).toMatch(/^[A-Z_]+$/);
  });

  it('lets a deployment lower the upload limit, never raise it', () => {
    expect(describeParameters(defineParameters({ maxUploadBytes: 1000 })).createUpload!.size!).toMatchObject({
      max: 1000,
    });
    expect(
      describeParameters(defineParameters({ maxUploadBytes: 2 * UPLOAD_BYTES_CAP })).createUpload!.size!,
    ).toMatchObject({
      max: UPLOAD_BYTES_CAP,
    });
  });
});
