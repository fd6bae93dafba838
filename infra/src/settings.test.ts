import { describe, expect, it } from 'vitest';
import { isPlaceholderDomain, selectedStages, SettingsError, stageSettings } from './settings';

const ctx = (values: Record<string, unknown>) => (key: string) => values[key];

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof SettingsError) return e.problems;
    throw e;
  }
  throw new Error('expected a SettingsError');
}

describe('stage selection', () => {
  it('is both stages by default, one with -c stage=…', () => {
    expect(selectedStages(ctx({}))).toEqual(['dev', 'prod']);
    expect(selectedStages(ctx({ stage: 'prod' }))).toEqual(['prod']);
    expect(problems(() => selectedStages(ctx({ stage: 'staging' })))).toEqual([
      'stage must be one of dev, prod, got "staging"',
    ]);
  });
});

describe('stage settings', () => {
  it('take cdk.json values, then -c overrides for the selected stage', () => {
    const s = stageSettings(
      'dev',
      ctx({
        'styleclip:dev': { domainName: 'dev.faces.example.org', alarmEmail: 'ops@faces.example.org' },
        stage: 'dev',
        workerInstanceType: 'g6.2xlarge',
        workerSpot: 'true',
      }),
    );
    expect(s).toMatchObject({
      stage: 'dev',
      domainName: 'dev.faces.example.org',
      alarmEmail: 'ops@faces.example.org',
      workerInstanceType: 'g6.2xlarge',
      apiInstanceType: 'g5.xlarge',
      workerSpot: true,
    });
  });

  it('report every problem at once, each naming its setting', () => {
    const p = problems(() =>
      stageSettings(
        'prod',
        ctx({
          'styleclip:prod': { domainName: 'Not A Domain', apiInstanceType: 'p4d.24xlarge', colour: 'blue' },
          hostedZoneId: 'Z123',
        }),
      ),
    );
    expect(p).toEqual([
      'prod: styleclip:prod.colour is not a setting; known: region, domainName, certificateArn, hostedZoneId, hostedZoneName, alarmEmail, apiInstanceType, workerInstanceType, workerSpot, defaultModelSet',
      'prod: -c hostedZoneId=… needs -c stage=dev|prod so it applies to one stage only',
      'prod: domainName must be a lower-case DNS name like styleclip.example.org, got "Not A Domain"',
      expect.stringMatching(/^prod: apiInstanceType must be one of g5\.xlarge, .*got "p4d\.24xlarge"$/),
    ]);
  });

  it('need a hosted zone name with its id, and the domain inside it', () => {
    expect(
      problems(() => stageSettings('dev', ctx({ 'styleclip:dev': { hostedZoneId: 'Z0123456789ABC' } }))),
    ).toEqual(['dev: hostedZoneId and hostedZoneName go together: set both or neither']);
    expect(
      problems(() =>
        stageSettings(
          'dev',
          ctx({ 'styleclip:dev': { hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'other.org' } }),
        ),
      ),
    ).toEqual(['dev: domainName dev.styleclip.example.com is not inside hostedZoneName other.org']);
  });

  it('accept an existing certificate by ARN only', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
    expect(stageSettings('dev', ctx({ 'styleclip:dev': { certificateArn: arn } })).certificateArn).toBe(arn);
    expect(
      problems(() => stageSettings('dev', ctx({ 'styleclip:dev': { certificateArn: 'my-cert' } }))),
    ).toEqual(['dev: certificateArn must be an ACM certificate ARN, got "my-cert"']);
  });

  it('flag the example.com placeholders', () => {
    expect(isPlaceholderDomain('dev.styleclip.example.com')).toBe(true);
    expect(isPlaceholderDomain('styleclip.example.org')).toBe(true);
    expect(isPlaceholderDomain('faces.studio')).toBe(false);
    expect(isPlaceholderDomain('notexample.com')).toBe(false);
  });
});
