import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp, stackNames } from './app';
import { STAGES } from './settings';
import { cdkJsonContext, scratchOutdir, synthesized } from './testing/synth';

interface NagReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: { ruleName: string }[];
    suppressedViolations: {
      ruleName: string;
      acknowledgedId: string;
      reason: string;
      violatingConstructs: { constructPath: string }[];
    }[];
  }[];
}

function nagReport(): NagReport['pluginReports'][number] {
  const report = JSON.parse(
    readFileSync(join(synthesized().outdir, 'validation-report.json'), 'utf8'),
  ) as NagReport;
  const nag = report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');
  if (!nag) throw new Error('no AwsSolutions report: cdk-nag did not run');
  return nag;
}

describe('the CDK app', () => {
  it('synthesizes every stage in-process, offline, into a registry and a service stack', () => {
    const s = synthesized();
    const names = s.assembly.stacks.map((st) => st.stackName).sort();
    expect(names).toEqual(STAGES.flatMap((st) => Object.values(stackNames(st))).sort());
    for (const stack of s.assembly.stacks) {
      // Account-agnostic: no account is needed (or looked up) to synthesize.
      expect(stack.environment.account).toBe('unknown-account');
      expect(stack.environment.region).toBe('us-east-1');
    }
    // No context lookups: nothing the CLI would have to fetch from an AWS account.
    expect(s.assembly.manifest.missing ?? []).toEqual([]);
    console.log(`synth of ${STAGES.length} stages with cdk-nag: ${Math.round(s.millis)} ms`);
  });

  it('synthesizes one stage when -c stage=… selects it', () => {
    const { stages } = buildApp({ outdir: scratchOutdir(), context: { ...cdkJsonContext(), stage: 'prod' } });
    expect(stages.map((s) => s.settings.stage)).toEqual(['prod']);
  });

  it('passes cdk-nag AwsSolutions: no open finding, every acknowledgment justified', () => {
    const nag = nagReport();
    expect(nag.violations).toEqual([]);
    expect(nag.conclusion).toBe('success');
    for (const v of nag.suppressedViolations) {
      expect(v.reason.length, `${v.acknowledgedId} needs a real reason`).toBeGreaterThan(60);
    }
  });

  it('acknowledges exactly the reviewed AwsSolutions findings (a new one needs a decision here)', () => {
    const rules = [
      ...new Set(nagReport().suppressedViolations.map((v) => v.ruleName.replace(/<[^>]+>/g, '<id>'))),
    ];
    expect(rules.sort()).toEqual(
      [
        'AwsSolutions-AEC4', // dev's single Redis node
        'AwsSolutions-AS3', // ASG notifications (ECS managed scaling)
        'AwsSolutions-EC23', // public load balancer
        'AwsSolutions-ECS2', // configuration in environment variables
        'AwsSolutions-IAM4[Policy::arn:<id>:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role]',
        'AwsSolutions-IAM5[Action::ecs:Submit*]',
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-IAM5[Resource::<id>/data/*]',
        'AwsSolutions-IAM5[Resource::<id>/models/*]',
        'AwsSolutions-SMG4', // secret rotation
      ].sort(),
    );
    const aec4 = nagReport().suppressedViolations.filter((v) => v.ruleName === 'AwsSolutions-AEC4');
    expect(aec4.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath))).toEqual([
      'StyleclipDev/JobQueue/ReplicationGroup',
    ]);
  });
});
