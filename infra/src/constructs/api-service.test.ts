import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { API, API_STOP_TIMEOUT_SECONDS, BUCKET_LAYOUT, MODELS_DIR_IN_IMAGE } from '../contract';
import { STAGES } from '../settings';
import { REPO_ROOT, synthesized } from '../testing/synth';
import { container, environment, only, targetGroupAttributes } from '../testing/template-views';

describe.each(STAGES)('API service (%s)', (stage) => {
  const get = () => synthesized().stages[stage];
  const apiHost = () => `api.${get().settings.domainName}`;

  it('is reached over HTTPS at api.<domain>; HTTP redirects', () => {
    const t = get().services;
    const [, lb] = only(get(), 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'EdgeLoadBalancer');
    expect(lb.Scheme).toBe('internet-facing');
    expect(targetGroupAttributes({ TargetGroupAttributes: lb.LoadBalancerAttributes })).toMatchObject({
      'routing.http.drop_invalid_header_fields.enabled': 'true',
      'routing.http.xff_header_processing.mode': 'append',
      'access_logs.s3.enabled': 'true',
      'access_logs.s3.prefix': 'alb',
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: Match.anyValue() }],
      SslPolicy: Match.stringLikeRegexp('TLS13'),
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [
        Match.objectLike({
          Type: 'redirect',
          RedirectConfig: Match.objectLike({ Port: '443', Protocol: 'HTTPS' }),
        }),
      ],
    });
    const [tgId] = only(get(), 'AWS::ElasticLoadBalancingV2::TargetGroup', 'EdgeLoadBalancerHttpsApiGroup');
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [apiHost()] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: tgId } }],
    });
    t.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: get().settings.domainName,
      SubjectAlternativeNames: [apiHost()],
      ValidationMethod: 'DNS',
    });
  });

  it('takes traffic once /readyz answers; ECS restarts a task whose /healthz stops answering', () => {
    const [, tg] = only(get(), 'AWS::ElasticLoadBalancingV2::TargetGroup', 'EdgeLoadBalancerHttpsApiGroup');
    expect(tg).toMatchObject({
      Port: API.port,
      TargetType: 'ip',
      HealthCheckPath: API.readinessPath,
      Matcher: { HttpCode: '200' },
    });
    const c = container(get(), 'Api');
    expect(c.PortMappings).toEqual([expect.objectContaining({ ContainerPort: API.port })]);
    expect(c.HealthCheck?.Command.join(' ')).toContain(`http://127.0.0.1:${API.port}${API.livenessPath}`);
    const [, svc] = only(get(), 'AWS::ECS::Service', 'ApiService');
    expect(svc.HealthCheckGracePeriodSeconds).toBe(get().settings.api.healthCheckGraceSeconds);
  });

  it('drains as long as the API waits for requests, then gives it time to checkpoint jobs', () => {
    const [, tg] = only(get(), 'AWS::ElasticLoadBalancingV2::TargetGroup', 'EdgeLoadBalancerHttpsApiGroup');
    const drainSeconds = Number(targetGroupAttributes(tg)['deregistration_delay.timeout_seconds']);
    expect(drainSeconds).toBe(API.shutdownTimeoutSeconds);
    const c = container(get(), 'Api');
    expect(environment(c).STYLECLIP_SHUTDOWN_TIMEOUT_MS).toBe(String(drainSeconds * 1000));
    // SIGTERM → drain (≤ timeout) → job checkpoint (≤ timeout) → exit, before ECS's SIGKILL (120 s at most).
    expect(c.StopTimeout).toBe(API_STOP_TIMEOUT_SECONDS);
    expect(c.StopTimeout!).toBeGreaterThan(2 * API.shutdownTimeoutSeconds);
    expect(c.StopTimeout!).toBeLessThanOrEqual(120);
    const [, svc] = only(get(), 'AWS::ECS::Service', 'ApiService');
    expect(svc.DeploymentConfiguration).toMatchObject({
      MinimumHealthyPercent: 100,
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
    });
  });

  it('configures the API for S3 storage, CUDA, and its public URLs', () => {
    const env = environment(container(get(), 'Api'));
    const web = `https://${get().settings.domainName}`;
    expect(env).toMatchObject({
      STYLECLIP_HOST: '0.0.0.0',
      STYLECLIP_PORT: String(API.port),
      STYLECLIP_STORAGE: 's3',
      STYLECLIP_S3_BUCKET: { Ref: expect.stringMatching(/^StorageData/) },
      STYLECLIP_S3_PREFIX: BUCKET_LAYOUT.dataPrefix,
      STYLECLIP_S3_REGION: 'us-east-1',
      STYLECLIP_EXECUTION_PROVIDER: 'cuda',
      STYLECLIP_MODELS_DIR: MODELS_DIR_IN_IMAGE,
      STYLECLIP_DEFAULT_MODEL_SET: get().settings.defaultModelSet,
      STYLECLIP_PUBLIC_URL: `https://${apiHost()}`,
      STYLECLIP_WEB_URL: web,
      STYLECLIP_CORS_ORIGINS: web,
      STYLECLIP_TRUST_PROXY: 'true',
    });
  });

  it('reads its API key digests and the Redis token from Secrets Manager', () => {
    const secrets = Object.fromEntries(
      container(get(), 'Api').Secrets!.map((s) => [s.Name, JSON.stringify(s.ValueFrom)]),
    );
    expect(Object.keys(secrets).sort()).toEqual(['REDIS_PASSWORD', 'STYLECLIP_API_KEY_SHA256']);
    expect(secrets.STYLECLIP_API_KEY_SHA256).toMatch(/ApiKeysSecret.*:STYLECLIP_API_KEY_SHA256::/);
    expect(secrets.REDIS_PASSWORD).toMatch(/JobQueueAuthToken.*:token::/);
  });

  it('scales between the stage bounds on requests per task', () => {
    const s = get().settings.api;
    get().services.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ResourceId: Match.objectLike({
        'Fn::Join': Match.arrayWith([
          Match.arrayWith([
            Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiService'), 'Name'] }),
          ]),
        ]),
      }),
      MinCapacity: s.minTasks,
      MaxCapacity: s.maxTasks,
    });
    get().services.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
        TargetValue: s.requestsPerTaskPerMinute,
      }),
    });
  });
});

describe('the API code the deployment relies on', () => {
  it('serves the liveness and readiness paths the load balancer and ECS probe', () => {
    const server = readFileSync(join(REPO_ROOT, 'apps/api/src/server.ts'), 'utf8');
    expect(server).toContain(`path === '${API.livenessPath}'`);
    expect(server).toContain(`path === '${API.readinessPath}'`);
  });
});
