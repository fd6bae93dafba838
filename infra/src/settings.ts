// Stage settings: sizes and thresholds per stage (code), plus the deployment's own values (region, domain,
// alarm e-mail…) from CDK context, validated with one error listing every problem.

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

/** Single-GPU g5/g6-class sizes (one GPU task per instance), each with at least 16 GiB of memory. */
export const GPU_INSTANCE_TYPES = [
  'g5.xlarge',
  'g5.2xlarge',
  'g5.4xlarge',
  'g5.8xlarge',
  'g5.16xlarge',
  'g6.xlarge',
  'g6.2xlarge',
  'g6.4xlarge',
  'g6.8xlarge',
  'g6.16xlarge',
  'g6e.xlarge',
  'g6e.2xlarge',
  'g6e.4xlarge',
  'g6e.8xlarge',
  'g6e.16xlarge',
] as const;

export interface StageSettings {
  stage: StageName;
  /** Stacks are region-specific (ELB access logs need the region's log-delivery principal); the account is not. */
  region: string;
  /** The web app is served at `https://<domainName>`, the API at `https://api.<domainName>`. */
  domainName: string;
  /** An ACM certificate covering both names; otherwise one is created with DNS validation. */
  certificateArn?: string;
  /** A Route 53 zone for the domain: validation records and aliases are then created too. */
  hostedZoneId?: string;
  hostedZoneName?: string;
  /** Subscribed to the alarm topic (confirm the e-mail AWS sends). */
  alarmEmail?: string;
  /** Defaults of the GpuInstanceType parameters (changeable at deploy time). */
  apiInstanceType: string;
  workerInstanceType: string;
  /** Worker instances on Spot (jobs checkpoint and resume, so an interruption costs progress, not work). */
  workerSpot: boolean;
  /** STYLECLIP_DEFAULT_MODEL_SET; `tiny` is built into the image. */
  defaultModelSet: string;
  natGateways: number;
  logRetentionDays: number;
  /** Delete stateful resources (buckets, repositories, logs) with the stack. */
  destroyOnDelete: boolean;
  api: {
    minTasks: number;
    maxTasks: number;
    /** Target-tracked ALB requests per task per minute. */
    requestsPerTaskPerMinute: number;
    memoryReservationMiB: number;
    cpuUnits: number;
    intraOpThreads: number;
    /** Seconds after start before failed health checks count (model-set load and warm-up). */
    healthCheckGraceSeconds: number;
  };
  worker: {
    maxTasks: number;
    /** STYLECLIP_JOB_CONCURRENCY: jobs one worker runs at once (one GPU: 1). */
    jobsPerTask: number;
    /** Minutes of empty queue before the workers scale to zero (a GPU instance takes minutes to come back). */
    idleMinutesBeforeScaleIn: number;
    memoryReservationMiB: number;
    cpuUnits: number;
    intraOpThreads: number;
  };
  web: { minTasks: number; maxTasks: number; cpu: number; memoryMiB: number };
  redis: { nodeType: string; replicas: number };
  lifecycle: {
    previewsExpireDays: number;
    uploadsExpireDays: number;
    noncurrentVersionsExpireDays: number;
    abortIncompleteMultipartDays: number;
  };
  alarms: {
    /** API HTTP 5xx responses, percent of requests, over 3 of 5 minutes. */
    api5xxPercent: number;
    /** API p99 target response time, seconds, over 3 of 5 minutes. */
    apiP99Seconds: number;
    /** Age of the oldest waiting job, minutes, over 3 consecutive minutes. */
    oldestJobAgeMinutes: number;
  };
}

type Defaults = Omit<StageSettings, 'stage' | 'domainName'> & { domainName: string };

const COMMON = {
  region: 'us-east-1',
  apiInstanceType: 'g5.xlarge',
  workerInstanceType: 'g5.xlarge',
  workerSpot: false,
  defaultModelSet: 'tiny',
  lifecycle: {
    previewsExpireDays: 7,
    uploadsExpireDays: 2,
    noncurrentVersionsExpireDays: 30,
    abortIncompleteMultipartDays: 1,
  },
};

const DEFAULTS: Record<StageName, Defaults> = {
  dev: {
    ...COMMON,
    domainName: 'dev.styleclip.example.com',
    natGateways: 1,
    logRetentionDays: 7,
    destroyOnDelete: true,
    api: {
      minTasks: 1,
      maxTasks: 2,
      requestsPerTaskPerMinute: 600,
      memoryReservationMiB: 12288,
      cpuUnits: 2048,
      intraOpThreads: 2,
      healthCheckGraceSeconds: 300,
    },
    worker: {
      maxTasks: 2,
      jobsPerTask: 1,
      idleMinutesBeforeScaleIn: 5,
      memoryReservationMiB: 12288,
      cpuUnits: 2048,
      intraOpThreads: 2,
    },
    web: { minTasks: 1, maxTasks: 2, cpu: 512, memoryMiB: 1024 },
    redis: { nodeType: 'cache.t4g.micro', replicas: 0 },
    lifecycle: { ...COMMON.lifecycle, noncurrentVersionsExpireDays: 7 },
    alarms: { api5xxPercent: 10, apiP99Seconds: 5, oldestJobAgeMinutes: 30 },
  },
  prod: {
    ...COMMON,
    domainName: 'styleclip.example.com',
    natGateways: 2,
    logRetentionDays: 90,
    destroyOnDelete: false,
    api: {
      minTasks: 2,
      maxTasks: 6,
      requestsPerTaskPerMinute: 600,
      memoryReservationMiB: 12288,
      cpuUnits: 2048,
      intraOpThreads: 2,
      healthCheckGraceSeconds: 300,
    },
    worker: {
      maxTasks: 8,
      jobsPerTask: 1,
      idleMinutesBeforeScaleIn: 15,
      memoryReservationMiB: 12288,
      cpuUnits: 2048,
      intraOpThreads: 2,
    },
    web: { minTasks: 2, maxTasks: 4, cpu: 512, memoryMiB: 1024 },
    redis: { nodeType: 'cache.t4g.small', replicas: 1 },
    alarms: { api5xxPercent: 2, apiP99Seconds: 2, oldestJobAgeMinutes: 15 },
  },
};

/** Context keys a deployment may set, per stage (`styleclip:<stage>` object in cdk.json) or with `-c key=value`. */
const DEPLOYMENT_KEYS = [
  'region',
  'domainName',
  'certificateArn',
  'hostedZoneId',
  'hostedZoneName',
  'alarmEmail',
  'apiInstanceType',
  'workerInstanceType',
  'workerSpot',
  'defaultModelSet',
] as const;
type DeploymentKey = (typeof DEPLOYMENT_KEYS)[number];

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid deployment settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Reads context values as the CDK gives them (`-c` values are strings; cdk.json values keep their JSON type). */
export type ContextReader = (key: string) => unknown;

/** The stages to synthesize: `-c stage=dev|prod`, or both. */
export function selectedStages(context: ContextReader): StageName[] {
  const raw = context('stage');
  if (raw === undefined) return [...STAGES];
  if (typeof raw === 'string' && (STAGES as readonly string[]).includes(raw)) return [raw as StageName];
  throw new SettingsError([`stage must be one of ${STAGES.join(', ')}, got ${JSON.stringify(raw)}`]);
}

/**
 * The settings of one stage: code defaults, then the `styleclip:<stage>` context object, then flat `-c key=value`
 * overrides (only when one stage is selected with `-c stage=…`, so an override never lands on both).
 */
export function stageSettings(stage: StageName, context: ContextReader): StageSettings {
  const problems: string[] = [];
  const fromObject = context(`styleclip:${stage}`) ?? {};
  const values: Partial<Record<DeploymentKey, unknown>> = {};
  if (typeof fromObject !== 'object' || fromObject === null || Array.isArray(fromObject)) {
    problems.push(`styleclip:${stage} must be an object of settings, got ${JSON.stringify(fromObject)}`);
  } else {
    for (const [k, v] of Object.entries(fromObject)) {
      if ((DEPLOYMENT_KEYS as readonly string[]).includes(k)) values[k as DeploymentKey] = v;
      else problems.push(`styleclip:${stage}.${k} is not a setting; known: ${DEPLOYMENT_KEYS.join(', ')}`);
    }
  }
  if (context('stage') === stage) {
    for (const k of DEPLOYMENT_KEYS) {
      const v = context(k);
      if (v !== undefined) values[k] = v;
    }
  } else {
    for (const k of DEPLOYMENT_KEYS) {
      if (context(k) !== undefined)
        problems.push(`-c ${k}=… needs -c stage=dev|prod so it applies to one stage only`);
    }
  }

  const d = DEFAULTS[stage];
  const str = (
    k: DeploymentKey,
    def: string | undefined,
    pattern: RegExp,
    what: string,
  ): string | undefined => {
    const v = values[k];
    if (v === undefined || v === '') return def;
    if (typeof v !== 'string' || !pattern.test(v)) {
      problems.push(`${k} must be ${what}, got ${JSON.stringify(v)}`);
      return def;
    }
    return v;
  };
  const instanceType = (k: DeploymentKey, def: string): string => {
    const v = values[k] ?? def;
    if (typeof v === 'string' && (GPU_INSTANCE_TYPES as readonly string[]).includes(v)) return v;
    problems.push(`${k} must be one of ${GPU_INSTANCE_TYPES.join(', ')}, got ${JSON.stringify(v)}`);
    return def;
  };
  const bool = (k: DeploymentKey, def: boolean): boolean => {
    const v = values[k];
    if (v === undefined) return def;
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    problems.push(`${k} must be true or false, got ${JSON.stringify(v)}`);
    return def;
  };

  const HOST = /^(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
  const settings: StageSettings = {
    ...d,
    stage,
    region: str('region', d.region, /^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region like us-east-1')!,
    domainName: str('domainName', d.domainName, HOST, 'a lower-case DNS name like styleclip.example.org')!,
    apiInstanceType: instanceType('apiInstanceType', d.apiInstanceType),
    workerInstanceType: instanceType('workerInstanceType', d.workerInstanceType),
    workerSpot: bool('workerSpot', d.workerSpot),
    defaultModelSet: str(
      'defaultModelSet',
      d.defaultModelSet,
      /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/,
      'a model set id',
    )!,
  };
  const certificateArn = str(
    'certificateArn',
    undefined,
    /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/,
    'an ACM certificate ARN',
  );
  if (certificateArn) settings.certificateArn = certificateArn;
  const hostedZoneId = str(
    'hostedZoneId',
    undefined,
    /^Z[A-Z0-9]{1,31}$/,
    'a Route 53 hosted zone id like Z0123456789ABC',
  );
  const hostedZoneName = str('hostedZoneName', undefined, HOST, 'the hosted zone name, e.g. example.org');
  if ((hostedZoneId === undefined) !== (hostedZoneName === undefined)) {
    problems.push('hostedZoneId and hostedZoneName go together: set both or neither');
  } else if (hostedZoneId && hostedZoneName) {
    if (settings.domainName !== hostedZoneName && !settings.domainName.endsWith(`.${hostedZoneName}`))
      problems.push(`domainName ${settings.domainName} is not inside hostedZoneName ${hostedZoneName}`);
    settings.hostedZoneId = hostedZoneId;
    settings.hostedZoneName = hostedZoneName;
  }
  const alarmEmail = str('alarmEmail', undefined, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address');
  if (alarmEmail) settings.alarmEmail = alarmEmail;

  if (settings.worker.maxTasks < 1 || settings.worker.maxTasks > 19)
    problems.push(
      `worker.maxTasks must be 1…19 (one scaling step per task count), got ${settings.worker.maxTasks}`,
    );
  if (problems.length) throw new SettingsError(problems.map((p) => `${stage}: ${p}`));
  return settings;
}

/** The domain is a placeholder (RFC 2606) that must be replaced before a deploy. */
export function isPlaceholderDomain(domainName: string): boolean {
  return /(^|\.)example\.(com|org|net)$/.test(domainName);
}
