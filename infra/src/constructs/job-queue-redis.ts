import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag';
import type { StageSettings } from '../settings';

/** Not Redis's default 6379, so scans for open default ports find nothing. */
export const REDIS_PORT = 6380;

/**
 * Redis for BullMQ: ElastiCache (Redis OSS 7.1) in the isolated subnets, TLS in transit, encrypted at rest, AUTH
 * token generated into Secrets Manager, `maxmemory-policy noeviction` (BullMQ loses jobs if Redis evicts keys).
 * prod: a replica in the other zone with automatic failover.
 */
export class JobQueueRedis extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  readonly authToken: secretsmanager.Secret;
  /** `rediss://host:port` (no credentials). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; vpc: ec2.IVpc }) {
    super(scope, id);
    const { settings, vpc } = props;

    this.authToken = new secretsmanager.Secret(this, 'AuthToken', {
      description: `ElastiCache AUTH token of the StyleCLIP ${settings.stage} job queue (REDIS_PASSWORD)`,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'token',
        // AUTH tokens: 16–128 printable characters without @, " or /; letters and digits keep URLs simple.
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'StyleCLIP job queue (Redis): reachable from the API and worker tasks only',
      allowAllOutbound: false,
    });

    const subnets = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'StyleCLIP job queue subnets',
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    const parameters = new elasticache.CfnParameterGroup(this, 'Parameters', {
      cacheParameterGroupFamily: 'redis7',
      description: 'BullMQ: never evict keys',
      properties: { 'maxmemory-policy': 'noeviction' },
    });

    const replicated = settings.redis.replicas > 0;
    const group = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: `StyleCLIP ${settings.stage} job queue (BullMQ)`,
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: settings.redis.nodeType,
      numCacheClusters: 1 + settings.redis.replicas,
      automaticFailoverEnabled: replicated,
      multiAzEnabled: replicated,
      port: REDIS_PORT,
      cacheSubnetGroupName: subnets.ref,
      cacheParameterGroupName: parameters.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      authToken: this.authToken.secretValueFromJson('token').unsafeUnwrap(),
      snapshotRetentionLimit: replicated ? 7 : 1,
      autoMinorVersionUpgrade: true,
    });
    if (!replicated) {
      acknowledgeNag(
        group,
        'AEC4',
        'dev runs one cache node to halve the cost; a lost node loses queued jobs, which dev tolerates (prod has a replica in a second zone with automatic failover)',
      );
    }
    acknowledgeNag(
      this.authToken,
      'SMG4',
      'rotating an ElastiCache AUTH token needs ModifyReplicationGroup with AuthTokenUpdateStrategy ROTATE then SET and a task restart in between; it is an operator procedure (infra/README.md), not an automatic Lambda rotation',
    );
    this.url = `rediss://${group.attrPrimaryEndPointAddress}:${group.attrPrimaryEndPointPort}`;
  }

  /** Lets `peer` (a task's security group) reach Redis. */
  allowFrom(peer: ec2.ISecurityGroup, description: string): void {
    this.securityGroup.addIngressRule(peer, ec2.Port.tcp(REDIS_PORT), description);
  }
}
