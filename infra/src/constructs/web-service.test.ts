import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { WEB } from '../contract';
import { STAGES } from '../settings';
import { REPO_ROOT, synthesized } from '../testing/synth';
import { container, environment, only, targetGroupAttributes } from '../testing/template-views';

describe.each(STAGES)('web service (%s)', (stage) => {
  const get = () => synthesized().stages[stage];

  it('runs next start on Fargate at the domain itself, pointed at the API', () => {
    const [, task] = only(get(), 'AWS::ECS::TaskDefinition', 'WebTask');
    expect(task).toMatchObject({
      RequiresCompatibilities: ['FARGATE'],
      Cpu: String(get().settings.web.cpu),
      Memory: String(get().settings.web.memoryMiB),
    });
    const c = container(get(), 'Web');
    expect(environment(c)).toEqual({
      PORT: String(WEB.port),
      STYLECLIP_API_URL: `https://api.${get().settings.domainName}`,
      NEXT_TELEMETRY_DISABLED: '1',
    });
    expect(c.Secrets).toBeUndefined();
    const [tgId, tg] = only(
      get(),
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      'EdgeLoadBalancerHttpsWebGroup',
    );
    expect(tg).toMatchObject({ Port: WEB.port, HealthCheckPath: WEB.healthPath });
    expect(targetGroupAttributes(tg)['deregistration_delay.timeout_seconds']).toBe(
      String(WEB.deregistrationDelaySeconds),
    );
    expect(c.HealthCheck?.Command.join(' ')).toContain(`http://127.0.0.1:${WEB.port}${WEB.healthPath}`);
    get().services.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [get().settings.domainName] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: tgId } }],
    });
    get().services.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DesiredCount: get().settings.web.minTasks,
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
  });
});

describe('the web code the deployment relies on', () => {
  it('its health path is a page of the app that needs no API call', () => {
    const page = join(REPO_ROOT, 'apps/web/src/app', WEB.healthPath, 'page.tsx');
    expect(existsSync(page), page).toBe(true);
    expect(readFileSync(page, 'utf8')).not.toMatch(/graphql|fetch\(/i);
  });

  it('reads STYLECLIP_API_URL (the variable the task sets)', () => {
    expect(readFileSync(join(REPO_ROOT, 'apps/web/README.md'), 'utf8')).toContain('`STYLECLIP_API_URL`');
  });
});
