import { describe, expect, it } from 'vitest';
import { officialChannels, type StyleGAN2Config } from './config';
import { defaultConvPlan, plannedConvs, uniformConvPlan, validateConvPlan } from './conv-plan';

const ffhq: StyleGAN2Config = {
  size: 1024,
  styleDim: 512,
  nMlp: 8,
  channels: officialChannels(1024),
  blurKernel: [1, 3, 3, 1],
  lrMul: 0.01,
};

describe('conv plans', () => {
  it('cover conv1 and the second conv of every block (the stride-1 3×3 convs)', () => {
    const convs = plannedConvs(ffhq);
    expect(convs.map((c) => c.module)).toEqual([
      'conv1',
      'convs.1',
      'convs.3',
      'convs.5',
      'convs.7',
      'convs.9',
      'convs.11',
      'convs.13',
      'convs.15',
    ]);
    expect(convs.map((c) => c.resolution)).toEqual([4, 8, 16, 32, 64, 128, 256, 512, 1024]);
  });

  it('the default plan follows the recorded table for config-f 1024', () => {
    expect(defaultConvPlan(ffhq)).toEqual({
      conv1: 'direct',
      'convs.1': 'winograd-f2',
      'convs.3': 'winograd-f4',
      'convs.5': 'winograd-f4',
      'convs.7': 'winograd-f4',
      'convs.9': 'winograd-f4',
      'convs.11': 'winograd-f4',
      'convs.13': 'direct',
      'convs.15': 'direct',
    });
  });

  it('refuses plans that name other layers, miss one or use an unknown algorithm', () => {
    const plan = uniformConvPlan(ffhq, 'direct');
    expect(validateConvPlan(ffhq, plan)).toBe(plan);
    expect(() => validateConvPlan(ffhq, { ...plan, 'convs.0': 'direct' })).toThrow(
      /convs.0 are not stride-1 3×3 convs/,
    );
    const { 'convs.5': _drop, ...missing } = plan;
    expect(() => validateConvPlan(ffhq, missing)).toThrow(/no algorithm for convs.5/);
    expect(() => validateConvPlan(ffhq, { ...plan, conv1: 'fft' as never })).toThrow(
      /conv1 has unknown algorithm "fft"/,
    );
  });
});
