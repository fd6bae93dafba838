import { Annotations, CfnOutput, Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag';
import { isPlaceholderDomain, type StageSettings } from '../settings';

/** Host names: the web app at the domain, the API at `api.` under it. */
export function hostNames(settings: StageSettings): { web: string; api: string } {
  return { web: settings.domainName, api: `api.${settings.domainName}` };
}

/**
 * The internet-facing HTTPS load balancer: `api.<domain>` goes to the API, everything else to the web app; HTTP
 * redirects to HTTPS. The certificate is imported (certificateArn) or created with DNS validation (records in
 * the hosted zone when one is given; otherwise the CNAMEs ACM shows must be added by hand while the stack waits).
 */
export class Edge extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly https: elbv2.ApplicationListener;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; vpc: ec2.IVpc; logs: s3.IBucket },
  ) {
    super(scope, id);
    const { settings } = props;
    const names = hostNames(settings);
    if (isPlaceholderDomain(settings.domainName)) {
      Annotations.of(this).addWarningV2(
        'styleclip:placeholder-domain',
        `domainName ${settings.domainName} is a placeholder: set styleclip:${settings.stage}.domainName (cdk.json) or -c domainName=… before deploying`,
      );
    }

    const zone =
      settings.hostedZoneId && settings.hostedZoneName
        ? route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
            hostedZoneId: settings.hostedZoneId,
            zoneName: settings.hostedZoneName,
          })
        : undefined;
    const certificate = settings.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn)
      : new acm.Certificate(this, 'Certificate', {
          domainName: names.web,
          subjectAlternativeNames: [names.api],
          validation: acm.CertificateValidation.fromDns(zone),
        });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'StyleCLIP load balancer: HTTPS (and HTTP, redirected) from anywhere',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    this.securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP, redirected to HTTPS');
    acknowledgeNag(
      this.securityGroup,
      'EC23',
      'the public web app and API: the load balancer accepts HTTPS (and HTTP, answered with a redirect) from anyone; tasks only accept traffic from this group',
    );

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      // The load balancer appends the client's address to X-Forwarded-For: the last hop is the one it saw, any
      // earlier hop is whatever the client sent (see "Client addresses" in infra/README.md).
      xffHeaderProcessingMode: elbv2.XffHeaderProcessingMode.APPEND,
      // GraphQL subscriptions (WebSocket) and slow edits: longer than the 60 s default.
      idleTimeout: Duration.seconds(120),
    });
    this.loadBalancer.logAccessLogs(props.logs, 'alb');

    this.https = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(certificate.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, {
        contentType: 'text/plain',
        messageBody: 'not found',
      }),
      open: false,
    });
    this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });

    if (zone) {
      for (const [name, recordName] of Object.entries(names)) {
        new route53.ARecord(this, `${name}Alias`, {
          zone,
          recordName,
          target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(this.loadBalancer)),
        });
      }
    }
    new CfnOutput(this, 'LoadBalancerDns', {
      value: this.loadBalancer.loadBalancerDnsName,
      description: `point ${names.web} and ${names.api} here (CNAME or alias) when no hosted zone is configured`,
    });
  }
}
