import { describe, expect, it } from 'vitest';
import { STAGES } from '../settings';
import { resourcesOfType, synthesized } from '../testing/synth';
import { only } from '../testing/template-views';
import { REDIS_PORT } from './job-queue-redis';

describe.each(STAGES)('job queue Redis (%s)', (stage) => {
  const get = () => synthesized().stages[stage];

  it('is ElastiCache Redis 7 with TLS, encryption at rest and an AUTH token from Secrets Manager', () => {
    const [, group] = only(get(), 'AWS::ElastiCache::ReplicationGroup', 'JobQueueReplicationGroup');
    expect(group).toMatchObject({
      Engine: 'redis',
      EngineVersion: expect.stringMatching(/^7\./),
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AtRestEncryptionEnabled: true,
      Port: REDIS_PORT,
    });
    const token = JSON.stringify(group.AuthToken);
    expect(token).toContain('{{resolve:secretsmanager:');
    expect(token).toMatch(/JobQueueAuthToken.*:SecretString:token::/);
    const [, secret] = only(get(), 'AWS::SecretsManager::Secret', 'JobQueueAuthToken');
    expect(secret.GenerateSecretString).toMatchObject({
      GenerateStringKey: 'token',
      PasswordLength: 64,
      ExcludePunctuation: true,
    });
  });

  it('never evicts keys (BullMQ would lose jobs)', () => {
    const [paramsId, params] = only(get(), 'AWS::ElastiCache::ParameterGroup', 'JobQueueParameters');
    expect(params).toMatchObject({
      CacheParameterGroupFamily: 'redis7',
      Properties: { 'maxmemory-policy': 'noeviction' },
    });
    const [, group] = only(get(), 'AWS::ElastiCache::ReplicationGroup', 'JobQueueReplicationGroup');
    expect(group.CacheParameterGroupName).toEqual({ Ref: paramsId });
  });

  it('has a replica in another zone in prod only', () => {
    const [, group] = only(get(), 'AWS::ElastiCache::ReplicationGroup', 'JobQueueReplicationGroup');
    const replicas = get().settings.redis.replicas;
    expect(group.NumCacheClusters).toBe(1 + replicas);
    expect(group.MultiAZEnabled).toBe(replicas > 0);
    expect(group.AutomaticFailoverEnabled).toBe(replicas > 0);
    expect(replicas > 0).toBe(stage === 'prod');
  });

  it('accepts connections from the API and worker tasks only', () => {
    const [sgId] = only(get(), 'AWS::EC2::SecurityGroup', 'JobQueueSecurityGroup');
    const ingress = resourcesOfType(get().servicesJson, 'AWS::EC2::SecurityGroupIngress').filter(
      ([, r]) => JSON.stringify(r.GroupId) === JSON.stringify({ 'Fn::GetAtt': [sgId, 'GroupId'] }),
    );
    const sources = ingress
      .map(([, r]) => (r.SourceSecurityGroupId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0])
      .sort();
    expect(sources).toEqual([
      expect.stringMatching(/^ApiSecurityGroup/),
      expect.stringMatching(/^WorkerSecurityGroup/),
    ]);
    for (const [, r] of ingress)
      expect(r).toMatchObject({ FromPort: REDIS_PORT, ToPort: REDIS_PORT, IpProtocol: 'tcp' });
    const [, sg] = only(get(), 'AWS::EC2::SecurityGroup', 'JobQueueSecurityGroup');
    expect(sg.SecurityGroupIngress).toBeUndefined();
  });
});
