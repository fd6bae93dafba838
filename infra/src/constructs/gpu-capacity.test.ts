import { describe, expect, it } from 'vitest';
import { GPU_INSTANCE_TYPES, STAGES } from '../settings';
import { resourcesOfType, synthesized } from '../testing/synth';

const GPU_AMI_PARAMETER = '/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id';

describe.each(STAGES)('GPU capacity (%s)', (stage) => {
  const get = () => synthesized().stages[stage];
  const one = (type: string, prefix: string) => {
    const found = resourcesOfType(get().servicesJson, type).filter(([id]) => id.startsWith(prefix));
    expect(found, `${type} ${prefix}`).toHaveLength(1);
    return found[0]!;
  };

  it.each(['Api', 'Worker'] as const)(
    '%s: g5/g6 instance type as a parameter, GPU AMI from SSM at deploy time',
    (role) => {
      const { servicesJson, settings } = get();
      const param = servicesJson.Parameters?.[`${role}GpuInstanceType`];
      expect(param?.Default).toBe(role === 'Api' ? settings.apiInstanceType : settings.workerInstanceType);
      expect(param?.AllowedValues).toEqual([...GPU_INSTANCE_TYPES]);
      for (const t of param!.AllowedValues!) expect(t).toMatch(/^g(5|6|6e)\.\d*x?large$/);

      const [, lt] = one('AWS::EC2::LaunchTemplate', `${role}CapacityLaunchTemplate`);
      const data = lt.LaunchTemplateData as Record<string, unknown>;
      expect(data.InstanceType).toEqual({ Ref: `${role}GpuInstanceType` });
      // The AMI id is a CloudFormation parameter typed as an SSM parameter value: resolved when deploying.
      const amiRef = (data.ImageId as { Ref: string }).Ref;
      expect(servicesJson.Parameters?.[amiRef]).toEqual({
        Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
        Default: GPU_AMI_PARAMETER,
      });
      expect(data.MetadataOptions).toMatchObject({ HttpTokens: 'required' });
      expect(data.BlockDeviceMappings).toEqual([
        expect.objectContaining({ Ebs: expect.objectContaining({ Encrypted: true, VolumeType: 'gp3' }) }),
      ]);
    },
  );

  it.each(['Api', 'Worker'] as const)(
    '%s: an Auto Scaling group from zero, managed by an ECS capacity provider',
    (role) => {
      const [asgId, asg] = one('AWS::AutoScaling::AutoScalingGroup', `${role}CapacityInstances`);
      expect(asg.MinSize).toBe('0');
      const s = get().settings;
      expect(Number(asg.MaxSize)).toBe(role === 'Api' ? s.api.maxTasks + 1 : s.worker.maxTasks);
      expect(asg.NewInstancesProtectedFromScaleIn).toBe(true);
      const [cpId, cp] = one('AWS::ECS::CapacityProvider', `${role}CapacityCapacityProvider`);
      expect(cp.AutoScalingGroupProvider).toMatchObject({
        AutoScalingGroupArn: { Ref: asgId },
        ManagedScaling: { Status: 'ENABLED', TargetCapacity: 100 },
        ManagedTerminationProtection: 'ENABLED',
      });
      const [, assoc] = resourcesOfType(
        get().servicesJson,
        'AWS::ECS::ClusterCapacityProviderAssociations',
      )[0]!;
      expect(assoc.CapacityProviders).toContainEqual({ Ref: cpId });
      // The service of the role runs on exactly this capacity provider.
      const [, svc] = one('AWS::ECS::Service', `${role}Service`);
      expect(svc.CapacityProviderStrategy).toEqual([{ CapacityProvider: { Ref: cpId }, Weight: 1 }]);
      // …and created only once the provider is associated with the cluster.
      const [assocId] = resourcesOfType(
        get().servicesJson,
        'AWS::ECS::ClusterCapacityProviderAssociations',
      )[0]!;
      const [svcId] = one('AWS::ECS::Service', `${role}Service`);
      expect(get().servicesJson.Resources[svcId]!.DependsOn).toContain(assocId);
    },
  );

  it('gives each GPU task one GPU', () => {
    for (const prefix of ['ApiTask', 'WorkerTask']) {
      const [, task] = one('AWS::ECS::TaskDefinition', prefix);
      const [container] = task.ContainerDefinitions as Record<string, unknown>[];
      expect(container!.ResourceRequirements).toEqual([{ Type: 'GPU', Value: '1' }]);
      expect(task.RequiresCompatibilities).toEqual(['EC2']);
      expect(task.NetworkMode).toBe('awsvpc');
    }
  });

  it('puts worker instances on Spot only when asked', () => {
    const [, lt] = one('AWS::EC2::LaunchTemplate', 'WorkerCapacityLaunchTemplate');
    const market = (lt.LaunchTemplateData as { InstanceMarketOptions?: { MarketType: string } })
      .InstanceMarketOptions;
    expect(market?.MarketType === 'spot').toBe(get().settings.workerSpot);
  });
});
