import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_ENV } from './contract';
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
