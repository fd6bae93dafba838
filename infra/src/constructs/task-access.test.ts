import { describe, expect, it } from 'vitest';
import { QUEUE_METRICS } from '../contract';
import { STAGES } from '../settings';
import { resourcesOfType, synthesized, type SynthesizedStage } from '../testing/synth';
import { only } from '../testing/template-views';

interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** The statements of the policies attached to a role (by the role's logical-id prefix). */
function statementsOf(stage: SynthesizedStage, rolePrefix: string): Statement[] {
  const [roleId] = only(stage, 'AWS::IAM::Role', rolePrefix);
  return resourcesOfType(stage.servicesJson, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, p]) => (p.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actions = (s: Statement) => [s.Action].flat().sort();
/** `Fn::Join` of the data bucket's ARN and a suffix, rendered as `bucket<suffix>`. */
const resources = (s: Statement) =>
  [s.Resource].flat().map((r) => {
    const json = JSON.stringify(r);
    const suffix = /"(\/[^"]*)"\]\]\}$/.exec(json)?.[1];
    if (/StorageData/.test(json)) return `bucket${suffix ?? ''}`;
    return json;
  });

describe.each(STAGES)('least privilege (%s)', (stage) => {
  const get = () => synthesized().stages[stage];

  it('the API reads and writes data/, reads models/, lists only those, publishes queue metrics', () => {
    const st = statementsOf(get(), 'ApiTaskTaskRole');
    expect(st.map((s) => [actions(s), resources(s)])).toEqual([
      [['s3:GetObject'], ['bucket/data/*', 'bucket/models/*']],
      [['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'], ['bucket/data/*']],
      [['s3:ListBucket'], ['bucket']],
      [['cloudwatch:PutMetricData'], ['"*"']],
    ]);
    expect(st[2]!.Condition).toEqual({
      StringLikeIfExists: { 's3:prefix': ['data/*', 'data', 'data/', 'models/*', 'models', 'models/'] },
    });
    expect(st[3]!.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': QUEUE_METRICS.namespace } });
  });

  it('workers write data/ and models/ (results, direction tables, trained mappers)', () => {
    const st = statementsOf(get(), 'WorkerTaskTaskRole');
    expect(st.map((s) => [actions(s), resources(s)])).toEqual([
      [['s3:GetObject'], ['bucket/data/*', 'bucket/models/*']],
      [
        ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'],
        ['bucket/data/*', 'bucket/models/*'],
      ],
      [['s3:ListBucket'], ['bucket']],
      [['cloudwatch:PutMetricData'], ['"*"']],
    ]);
  });

  it('the web task has no AWS permissions at all', () => {
    expect(statementsOf(get(), 'WebTaskTaskRole')).toEqual([]);
  });

  it('each execution role pulls its own image and reads only its own secrets and log group', () => {
    const secretsOf = (prefix: string) =>
      statementsOf(get(), prefix)
        .filter((s) => actions(s).includes('secretsmanager:GetSecretValue'))
        .flatMap((s) => [s.Resource].flat())
        .map((r) => JSON.stringify(r).replace(/^\{"Ref":"([A-Za-z]+?)[0-9A-F]{8}"\}$/, '$1'))
        .sort();
    expect(secretsOf('ApiTaskExecutionRole')).toEqual(['ApiKeysSecret', 'JobQueueAuthToken']);
    expect(secretsOf('WorkerTaskExecutionRole')).toEqual(['JobQueueAuthToken']);
    expect(secretsOf('WebTaskExecutionRole')).toEqual([]);
    for (const role of ['Api', 'Worker', 'Web']) {
      const st = statementsOf(get(), `${role}TaskExecutionRole`);
      const pull = st.find((s) => actions(s).includes('ecr:BatchGetImage'))!;
      expect(JSON.stringify(pull.Resource)).toContain(`${role.toLowerCase()}Repository`);
      const logs = st.find((s) => actions(s).includes('logs:PutLogEvents'))!;
      expect(JSON.stringify(logs.Resource)).toContain(`${role}Logs`);
      for (const s of st)
        if (JSON.stringify(s.Resource) === '"*"') expect(actions(s)).toEqual(['ecr:GetAuthorizationToken']);
    }
  });

  it('log groups keep the stage retention', () => {
    const groups = resourcesOfType(get().servicesJson, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const [id, g] of groups) expect(g.RetentionInDays, id).toBe(get().settings.logRetentionDays);
    for (const service of ['api', 'worker', 'web'])
      expect(groups.map(([, g]) => g.LogGroupName)).toContain(`/styleclip/${stage}/${service}`);
  });
});
