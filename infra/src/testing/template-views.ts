import { expect } from 'vitest';
import { resourcesOfType, type SynthesizedStage } from './synth';

export interface ContainerView {
  Name: string;
  Environment: { Name: string; Value: unknown }[];
  Secrets?: { Name: string; ValueFrom: unknown }[];
  PortMappings?: { ContainerPort: number }[];
  HealthCheck?: { Command: string[]; StartPeriod?: number };
  StopTimeout?: number;
  LogConfiguration: { LogDriver: string; Options: Record<string, unknown> };
  ResourceRequirements?: unknown;
}

/** The one resource of `type` whose logical id starts with `prefix`. */
export function only(
  stage: SynthesizedStage,
  type: string,
  prefix: string,
): [string, Record<string, unknown>] {
  const found = resourcesOfType(stage.servicesJson, type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0]!;
}

/** The single container of a service's task definition (`Api`, `Worker`, `Web`). */
export function container(stage: SynthesizedStage, service: 'Api' | 'Worker' | 'Web'): ContainerView {
  const [, task] = only(stage, 'AWS::ECS::TaskDefinition', `${service}Task`);
  const containers = task.ContainerDefinitions as ContainerView[];
  expect(containers).toHaveLength(1);
  return containers[0]!;
}

/** A container's environment as a map (values may be CloudFormation intrinsics). */
export function environment(c: ContainerView): Record<string, unknown> {
  return Object.fromEntries(c.Environment.map((e) => [e.Name, e.Value]));
}

/** A target group's attributes as a map. */
export function targetGroupAttributes(tg: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    (tg.TargetGroupAttributes as { Key: string; Value: string }[]).map((a) => [a.Key, a.Value]),
  );
}
