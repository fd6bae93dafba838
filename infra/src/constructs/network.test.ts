import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../settings';
import { resourcesOfType, synthesized } from '../testing/synth';

describe.each(STAGES)('network (%s)', (stage) => {
  const get = () => synthesized().stages[stage];

  it('has public, private and isolated subnets in two zones, and the stage NAT count', () => {
    const t = get().services;
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::EC2::Subnet', 6);
    const subnets = resourcesOfType(get().servicesJson, 'AWS::EC2::Subnet').map(([id]) => id);
    for (const kind of ['public', 'private', 'isolated'])
      expect(subnets.filter((id) => id.includes(`${kind}Subnet`))).toHaveLength(2);
    t.resourceCountIs('AWS::EC2::NatGateway', get().settings.natGateways);
  });

  it('routes S3 through a gateway endpoint and logs rejected flows', () => {
    const t = get().services;
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['.s3'])]) }),
    });
    t.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'REJECT' });
  });

  it('puts Redis in the isolated subnets and the tasks in the private ones', () => {
    const json = get().servicesJson;
    const [, group] = resourcesOfType(json, 'AWS::ElastiCache::SubnetGroup')[0]!;
    expect(JSON.stringify(group.SubnetIds)).toMatch(/isolatedSubnet1.*isolatedSubnet2/);
    for (const [id, svc] of resourcesOfType(json, 'AWS::ECS::Service')) {
      const subnets = JSON.stringify(
        (svc.NetworkConfiguration as { AwsvpcConfiguration: { Subnets: unknown } }).AwsvpcConfiguration
          .Subnets,
      );
      expect(subnets, id).toMatch(/privateSubnet1.*privateSubnet2/);
      expect(
        (svc.NetworkConfiguration as { AwsvpcConfiguration: { AssignPublicIp?: string } }).AwsvpcConfiguration
          .AssignPublicIp ?? 'DISABLED',
      ).toBe('DISABLED');
    }
  });
});
