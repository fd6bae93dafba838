import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag';
import { GPU_INSTANCE_TYPES } from '../settings';

export interface GpuCapacityProps {
  cluster: ecs.Cluster;
  vpc: ec2.IVpc;
  /** Names the capacity provider and the instance-type parameter (`<Role>GpuInstanceType`). */
  role: 'Api' | 'Worker';
  defaultInstanceType: string;
  maxInstances: number;
  spot: boolean;
}

/**
 * GPU instances for one service: an Auto Scaling group of single-GPU g5/g6-class instances on the ECS
 * GPU-optimized Amazon Linux 2023 AMI (its id read from the public SSM parameter when the stack deploys: no
 * lookup at synth time), the instance type a CloudFormation parameter, registered as an ECS capacity provider
 * with managed scaling (ECS launches instances for pending tasks and removes idle ones, down to zero) and
 * managed termination protection (an instance with running tasks is never scaled in).
 */
export class GpuCapacity extends Construct {
  readonly capacityProvider: ecs.AsgCapacityProvider;
  readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  readonly instanceType: CfnParameter;

  constructor(scope: Construct, id: string, props: GpuCapacityProps) {
    super(scope, id);
    this.instanceType = new CfnParameter(scope, `${props.role}GpuInstanceType`, {
      type: 'String',
      default: props.defaultInstanceType,
      allowedValues: [...GPU_INSTANCE_TYPES],
      description: `EC2 instance type of the ${props.role.toLowerCase()} GPU instances (one GPU task per instance)`,
    });

    const role = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `StyleCLIP ${props.role.toLowerCase()} GPU container instances (ECS agent)`,
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEC2ContainerServiceforEC2Role'),
      ],
    });
    const securityGroup = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc: props.vpc,
      description: `StyleCLIP ${props.role.toLowerCase()} GPU instances: no inbound (tasks have their own ENIs)`,
      allowAllOutbound: true,
    });

    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      // Images are several GB (CUDA + cuDNN): reuse a cached image instead of pulling it for every task.
      'echo ECS_IMAGE_PULL_BEHAVIOR=prefer-cached >> /etc/ecs/ecs.config',
      ...(props.spot ? ['echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config'] : []),
    );
    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      instanceType: new ec2.InstanceType(this.instanceType.valueAsString),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(ecs.AmiHardwareType.GPU),
      userData,
      role,
      securityGroup,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          // Root volume: the Docker image cache (CUDA images are large) and the local model-set cache.
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(100, {
            encrypted: true,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
          }),
        },
      ],
      ...(props.spot
        ? {
            spotOptions: {
              interruptionBehavior: ec2.SpotInstanceInterruption.TERMINATE,
              requestType: ec2.SpotRequestType.ONE_TIME,
            },
          }
        : {}),
    });

    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Instances', {
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate,
      minCapacity: 0,
      maxCapacity: props.maxInstances,
      cooldown: Duration.minutes(5),
      healthChecks: autoscaling.HealthChecks.ec2({ gracePeriod: Duration.minutes(5) }),
      // Managed termination protection needs new instances protected; ECS lifts it when an instance is idle.
      newInstancesProtectedFromScaleIn: true,
      capacityRebalance: props.spot,
    });

    this.capacityProvider = new ecs.AsgCapacityProvider(this, 'CapacityProvider', {
      autoScalingGroup: this.autoScalingGroup,
      enableManagedScaling: true,
      enableManagedTerminationProtection: true,
      enableManagedDraining: true,
      targetCapacityPercent: 100,
      // GPU instances boot, pull a multi-GB image and load models before they help.
      instanceWarmupPeriod: 300,
    });
    props.cluster.addAsgCapacityProvider(this.capacityProvider);

    acknowledgeNag(
      role,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role]',
      'the AWS-maintained policy of the ECS container agent; AWS updates it when the agent needs new actions, which a copy would miss',
    );
    acknowledgeNag(
      role,
      'IAM5[Action::ecs:Submit*]',
      'added by the CDK for the ECS agent (task and container state changes), scoped to this cluster',
    );
    acknowledgeNag(
      role,
      'IAM5[Resource::*]',
      'ecs:DiscoverPollEndpoint, ecr:GetAuthorizationToken and the agent log actions have no resource-level scoping; ecs:Poll is limited to this cluster by condition',
    );
    acknowledgeNag(
      this.autoScalingGroup,
      'AS3',
      'ECS managed scaling drives this group (down to zero when idle): scaling events are routine and visible in the ECS and Auto Scaling activity history; the service alarms page on what users feel',
    );
  }
}
