// Expected cost of a stage: the monthly cost at idle (no traffic, workers at zero) and the cost of one worker
// GPU hour, from the stage settings and list prices. `npm run cost -w @styleclip/infra` prints the table that
// infra/README.md shows (a test keeps the two equal).
import type { StageSettings } from './settings';

/**
 * On-demand list prices in us-east-1 (Linux, USD) as AWS published them in 2025. Not re-checked when written:
 * the build machine has no internet access. Check https://aws.amazon.com/pricing before relying on them.
 */
export const PRICES = {
  region: 'us-east-1',
  asOf: '2025 list prices',
  /** EC2 per instance-hour. */
  gpuPerHour: {
    'g5.xlarge': 1.006,
    'g5.2xlarge': 1.212,
    'g5.4xlarge': 1.624,
    'g5.8xlarge': 2.448,
    'g5.16xlarge': 4.096,
    'g6.xlarge': 0.8048,
    'g6.2xlarge': 0.9776,
    'g6.4xlarge': 1.3232,
    'g6.8xlarge': 2.0144,
    'g6.16xlarge': 3.3968,
    'g6e.xlarge': 1.861,
    'g6e.2xlarge': 2.24208,
    'g6e.4xlarge': 3.00424,
    'g6e.8xlarge': 4.52856,
    'g6e.16xlarge': 7.57744,
  } as Record<string, number>,
  /** gp3 per GB-month. */
  ebsGbMonth: 0.08,
  fargateVcpuHour: 0.04048,
  fargateGbHour: 0.004445,
  albHour: 0.0225,
  natGatewayHour: 0.045,
  publicIpv4Hour: 0.005,
  elasticacheNodeHour: { 'cache.t4g.micro': 0.016, 'cache.t4g.small': 0.032 } as Record<string, number>,
  alarmMonth: 0.1,
  customMetricMonth: 0.3,
  secretMonth: 0.4,
  kmsKeyMonth: 1,
};

export const HOURS_PER_MONTH = 730;
/** Root volume of every GPU instance (gpu-capacity.ts). */
export const GPU_ROOT_VOLUME_GB = 100;
/** CloudWatch alarms: 5 paging + 2 worker scaling + 2 per target-tracking policy (API requests, web CPU). */
export const ALARMS = 5 + 2 + 2 * 2;
/** Custom metrics: QueueBacklog and OldestWaitingJobAgeSeconds (one Stage dimension). */
export const QUEUE_METRIC_COUNT = 2;
/** Container Insights bills its metrics as custom metrics; about 30 for one cluster with three services. */
export const CONTAINER_INSIGHTS_METRICS = 30;

export interface CostLine {
  item: string;
  formula: string;
  usdPerMonth: number;
}

const usd = (n: number) => Math.round(n * 100) / 100;

/** Cost of one worker GPU hour: the instance plus its root volume for that hour. */
export function gpuHourCost(instanceType: string): number {
  const price = PRICES.gpuPerHour[instanceType];
  if (price === undefined) throw new Error(`no price for ${instanceType}`);
  return price + (GPU_ROOT_VOLUME_GB * PRICES.ebsGbMonth) / HOURS_PER_MONTH;
}

/** Monthly cost at idle: API at its minimum, web at its minimum, workers at zero, no traffic. */
export function idleMonthlyCost(s: StageSettings): { lines: CostLine[]; total: number } {
  const h = HOURS_PER_MONTH;
  const gpu = PRICES.gpuPerHour[s.apiInstanceType]!;
  const redis = PRICES.elasticacheNodeHour[s.redis.nodeType];
  if (redis === undefined) throw new Error(`no price for ${s.redis.nodeType}`);
  const vcpu = s.web.cpu / 1024;
  const gb = s.web.memoryMiB / 1024;
  const nodes = 1 + s.redis.replicas;
  const ipv4 = 2 + s.natGateways; // the load balancer in two zones, one per NAT gateway
  const lines: CostLine[] = [
    {
      item: `API GPU instances (${s.apiInstanceType})`,
      formula: `${s.api.minTasks} × $${gpu}/h × ${h} h`,
      usdPerMonth: s.api.minTasks * gpu * h,
    },
    {
      item: 'their root volumes',
      formula: `${s.api.minTasks} × ${GPU_ROOT_VOLUME_GB} GB × $${PRICES.ebsGbMonth}`,
      usdPerMonth: s.api.minTasks * GPU_ROOT_VOLUME_GB * PRICES.ebsGbMonth,
    },
    {
      item: 'web on Fargate',
      formula: `${s.web.minTasks} × (${vcpu} vCPU × $${PRICES.fargateVcpuHour} + ${gb} GB × $${PRICES.fargateGbHour}) × ${h} h`,
      usdPerMonth: s.web.minTasks * (vcpu * PRICES.fargateVcpuHour + gb * PRICES.fargateGbHour) * h,
    },
    {
      item: 'load balancer',
      formula: `$${PRICES.albHour}/h × ${h} h (LCUs extra with traffic)`,
      usdPerMonth: PRICES.albHour * h,
    },
    {
      item: 'NAT gateways',
      formula: `${s.natGateways} × $${PRICES.natGatewayHour}/h × ${h} h (+ $0.045/GB)`,
      usdPerMonth: s.natGateways * PRICES.natGatewayHour * h,
    },
    {
      item: 'public IPv4 addresses',
      formula: `${ipv4} × $${PRICES.publicIpv4Hour}/h × ${h} h`,
      usdPerMonth: ipv4 * PRICES.publicIpv4Hour * h,
    },
    {
      item: `Redis (${s.redis.nodeType})`,
      formula: `${nodes} × $${redis}/h × ${h} h`,
      usdPerMonth: nodes * redis * h,
    },
    {
      item: 'alarms, queue metrics, Container Insights',
      formula: `${ALARMS} × $${PRICES.alarmMonth} + (${QUEUE_METRIC_COUNT} + ~${CONTAINER_INSIGHTS_METRICS}) × $${PRICES.customMetricMonth}`,
      usdPerMonth:
        ALARMS * PRICES.alarmMonth +
        (QUEUE_METRIC_COUNT + CONTAINER_INSIGHTS_METRICS) * PRICES.customMetricMonth,
    },
    {
      item: 'secrets, KMS key',
      formula: `2 × $${PRICES.secretMonth} + $${PRICES.kmsKeyMonth}`,
      usdPerMonth: 2 * PRICES.secretMonth + PRICES.kmsKeyMonth,
    },
  ].map((l) => ({ ...l, usdPerMonth: usd(l.usdPerMonth) }));
  return { lines, total: usd(lines.reduce((a, l) => a + l.usdPerMonth, 0)) };
}

/** The markdown table infra/README.md shows for a stage. */
export function costTable(s: StageSettings): string {
  const { lines, total } = idleMonthlyCost(s);
  const rows = [
    `| ${s.stage} at idle | formula | USD/month |`,
    '| --- | --- | ---: |',
    ...lines.map((l) => `| ${l.item} | ${l.formula} | ${l.usdPerMonth.toFixed(2)} |`),
    `| **total** | | **${total.toFixed(2)}** |`,
  ];
  return rows.join('\n');
}
