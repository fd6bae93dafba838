import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { WEB } from '../contract';
import type { StageSettings } from '../settings';
import { containerLog } from './container-log';
import type { Edge } from './edge';
import { httpHealthCommand } from './health-command';
import { acknowledgeTaskFindings } from './task-findings';

export interface WebServiceProps {
  settings: StageSettings;
  cluster: ecs.ICluster;
  edge: Edge;
  hostName: string;
  apiUrl: string;
  repository: ecr.IRepository;
  imageTag: string;
}

/**
 * The Next.js web app on Fargate (CPU) behind the load balancer at the domain itself. It runs `next start`, the
 * same server the browser tests exercise, and reaches the API at its public HTTPS URL. It needs no AWS access:
 * its task role has no policies.
 */
export class WebService extends Construct {
  readonly service: ecs.FargateService;
  readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const { settings } = props;
    const task = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: settings.web.cpu,
      memoryLimitMiB: settings.web.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    const log = containerLog(this, settings, 'web');
    task.addContainer('web', {
      image: ecs.ContainerImage.fromEcrRepository(props.repository, props.imageTag),
      essential: true,
      logging: log.driver,
      stopTimeout: Duration.seconds(WEB.stopTimeoutSeconds),
      portMappings: [{ containerPort: WEB.port, protocol: ecs.Protocol.TCP }],
      environment: {
        PORT: String(WEB.port),
        STYLECLIP_API_URL: props.apiUrl,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      healthCheck: {
        command: httpHealthCommand(WEB.port, WEB.healthPath),
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
    });

    acknowledgeTaskFindings(task);

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.cluster.vpc,
      description: 'StyleCLIP web tasks: the web port from the load balancer only',
      allowAllOutbound: true,
    });
    securityGroup.connections.allowFrom(
      props.edge.securityGroup,
      ec2.Port.tcp(WEB.port),
      'load balancer to web',
    );

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: task,
      desiredCount: settings.web.minTasks,
      securityGroups: [securityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
    });
    this.targetGroup = props.edge.https.addTargets('Web', {
      priority: 20,
      conditions: [elbv2.ListenerCondition.hostHeaders([props.hostName])],
      port: WEB.port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service],
      deregistrationDelay: Duration.seconds(WEB.deregistrationDelaySeconds),
      healthCheck: { path: WEB.healthPath, healthyHttpCodes: '200', interval: Duration.seconds(30) },
    });
    this.service
      .autoScaleTaskCount({ minCapacity: settings.web.minTasks, maxCapacity: settings.web.maxTasks })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
  }
}
