import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { inject } from 'vitest';
import { buildApp, stackNames } from '../app';
import { STAGES, type StageName, type StageSettings } from '../settings';

export const INFRA_DIR = join(import.meta.dirname, '..', '..');
export const REPO_ROOT = join(INFRA_DIR, '..');

/** The context `npx cdk synth` passes: cdk.json's (feature flags, stage settings). */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(INFRA_DIR, 'cdk.json'), 'utf8')).context;
}

export interface SynthesizedStage {
  settings: StageSettings;
  registry: Template;
  services: Template;
  /** The raw services template (for checks the assertions library does not express). */
  servicesJson: {
    Resources: Record<
      string,
      { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; DependsOn?: string[] }
    >;
    Parameters?: Record<string, { Type: string; Default?: string; AllowedValues?: string[] }>;
  };
}

export interface Synthesized {
  assembly: CloudAssembly;
  outdir: string;
  stages: Record<StageName, SynthesizedStage>;
  millis: number;
}

let cached: Synthesized | undefined;

/**
 * A cloud-assembly folder under this run's scratch folder (removed by the global setup when the run ends; an App
 * given no folder would leave one in the temp directory).
 */
export function scratchOutdir(): string {
  return mkdtempSync(join(inject('cdkScratch'), 'assembly-'));
}

/**
 * Synthesizes both stages once per test run (in-process `app.synth()`, cdk-nag included: an unacknowledged
 * finding throws here) and returns their templates.
 */
export function synthesized(): Synthesized {
  if (cached) return cached;
  const outdir = scratchOutdir();
  const t0 = performance.now();
  const { app, stages } = buildApp({ outdir, context: cdkJsonContext() });
  const assembly = app.synth();
  const millis = performance.now() - t0;
  const byStage = {} as Record<StageName, SynthesizedStage>;
  for (const s of stages) {
    const names = stackNames(s.settings.stage);
    const servicesJson = assembly.getStackByName(names.services).template;
    byStage[s.settings.stage] = {
      settings: s.settings,
      registry: Template.fromJSON(assembly.getStackByName(names.registry).template),
      services: Template.fromJSON(servicesJson),
      servicesJson,
    };
  }
  for (const stage of STAGES) if (!byStage[stage]) throw new Error(`stage ${stage} was not synthesized`);
  cached = { assembly, outdir, stages: byStage, millis };
  return cached;
}

/** Resources of one type in a raw template, by logical id. */
export function resourcesOfType(
  json: SynthesizedStage['servicesJson'],
  type: string,
): [string, Record<string, unknown>][] {
  return Object.entries(json.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}
