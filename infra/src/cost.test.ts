import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALARMS, costTable, gpuHourCost, HOURS_PER_MONTH, idleMonthlyCost, PRICES } from './cost';
import { GPU_INSTANCE_TYPES, STAGES, stageSettings } from './settings';
import { INFRA_DIR, resourcesOfType, synthesized } from './testing/synth';

const settings = (stage: (typeof STAGES)[number]) => stageSettings(stage, () => undefined);
/** A markdown table row without its padding (prettier aligns the columns in the README). */
const normalize = (line: string) =>
  line
    .replace(/\s*\|\s*/g, '|')
    .replace(/-{3,}/g, '---')
    .trim();

describe('expected cost', () => {
  it('has a price for every allowed GPU instance type; a GPU hour adds the root volume', () => {
    for (const t of GPU_INSTANCE_TYPES) expect(PRICES.gpuPerHour[t], t).toBeGreaterThan(0);
    expect(gpuHourCost('g5.xlarge')).toBeCloseTo(1.006 + (100 * 0.08) / 730, 12);
    expect(() => gpuHourCost('p5.48xlarge')).toThrow(/no price/);
  });

  it.each(STAGES)('%s at idle: the lines follow the stage settings and add up', (stage) => {
    const s = settings(stage);
    const { lines, total } = idleMonthlyCost(s);
    const line = (prefix: string) => lines.find((l) => l.item.startsWith(prefix))!.usdPerMonth;
    expect(line('API GPU')).toBeCloseTo(
      s.api.minTasks * PRICES.gpuPerHour[s.apiInstanceType]! * HOURS_PER_MONTH,
      2,
    );
    expect(line('NAT')).toBeCloseTo(s.natGateways * PRICES.natGatewayHour * HOURS_PER_MONTH, 2);
    expect(line('Redis')).toBeCloseTo(
      (1 + s.redis.replicas) * PRICES.elasticacheNodeHour[s.redis.nodeType]! * HOURS_PER_MONTH,
      2,
    );
    expect(total).toBeCloseTo(
      lines.reduce((a, l) => a + l.usdPerMonth, 0),
      2,
    );
  });

  it.each(STAGES)('%s: counts the alarms the stack really has', (stage) => {
    const json = synthesized().stages[stage].servicesJson;
    const alarms = resourcesOfType(json, 'AWS::CloudWatch::Alarm').length;
    const targetTracking = resourcesOfType(json, 'AWS::ApplicationAutoScaling::ScalingPolicy').filter(
      ([, p]) => p.PolicyType === 'TargetTrackingScaling',
    ).length;
    // Each target-tracking policy makes two alarms of its own (scale out, scale in).
    expect(alarms + 2 * targetTracking).toBe(ALARMS);
  });

  it('infra/README.md shows the tables the code computes', () => {
    const readme = new Set(readFileSync(join(INFRA_DIR, 'README.md'), 'utf8').split('\n').map(normalize));
    for (const stage of STAGES) {
      for (const row of costTable(settings(stage)).split('\n'))
        expect(readme.has(normalize(row)), row).toBe(true);
    }
    for (const t of ['g5.xlarge', 'g6.xlarge'])
      expect(readme.has(normalize(`| ${t} | ${gpuHourCost(t).toFixed(3)} |`)), t).toBe(true);
  });
});
