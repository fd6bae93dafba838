import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUEUE_METRICS, WORKER_ENV } from './contract';
import { STAGES } from './settings';
import { REPO_ROOT, synthesized } from './testing/synth';
import { container } from './testing/template-views';

/** Variables documented in .env.example (the product's configuration surface). */
function documentedVariables(): Set<string> {
  const text = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
}

describe.each(STAGES)('environment of the GPU tasks (%s)', (stage) => {
  it.each(['Api', 'Worker'] as const)(
    '%s: every variable is one the product documents (or the worker contract)',
    (service) => {
      const c = container(synthesized().stages[stage], service);
      const names = [...c.Environment.map((e) => e.Name), ...(c.Secrets ?? []).map((s) => s.Name)];
      const documented = documentedVariables();
      // AWS_REGION: set by the CDK on awsvpc EC2 tasks (the instance metadata service is out of reach there).
      const contract = new Set<string>([...Object.values(WORKER_ENV), 'AWS_REGION']);
      const unknown = names.filter((n) => !documented.has(n) && !contract.has(n));
      expect(unknown, 'a typo, or a variable missing from .env.example').toEqual([]);
    },
  );
});

describe('the product side of the contract', () => {
  const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

  it('the core reads every variable the deployment sets for it, and .env.example documents them', () => {
    const config = read('libs/studio/src/config.ts');
    const documented = documentedVariables();
    for (const name of Object.values(WORKER_ENV)) {
      expect(config, `libs/studio/src/config.ts does not read ${name}`).toContain(`'${name}'`);
      expect(documented.has(name), `.env.example does not document ${name}`).toBe(true);
    }
  });

  it('the queue metrics are published under the names the autoscaler and alarms read', () => {
    const source = read('libs/studio/src/jobs/bullmq/queue-metrics.ts');
    const names = /QUEUE_METRIC_NAMES = \{([^}]*)\}/.exec(source)?.[1] ?? '';
    const field = (key: string) => new RegExp(`${key}: '([^']*)'`).exec(names)?.[1];
    expect(field('backlog')).toBe(QUEUE_METRICS.backlog);
    expect(field('oldestWaitingAge')).toBe(QUEUE_METRICS.oldestWaitingAge);
    expect(field('stageDimension')).toBe(QUEUE_METRICS.stageDimension);
    // The namespace and the period come from the environment the tasks get (checked in the worker service tests);
    // the product's default period is the contract's.
    expect(read('libs/studio/src/config.ts')).toContain(
      `r.int('STYLECLIP_METRICS_INTERVAL_SECONDS', ${QUEUE_METRICS.periodSeconds},`,
    );
  });
});
