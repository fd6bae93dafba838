import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { selectedStages, stageSettings, type StageName, type StageSettings } from './settings';
import { RegistryStack } from './stacks/registry-stack';
import { ServiceStack } from './stacks/service-stack';

export interface StageStacks {
  settings: StageSettings;
  registry: RegistryStack;
  services: ServiceStack;
}

/** Stack names per stage: `StyleclipDev-Registry`, `StyleclipDev` (and Prod). */
export function stackNames(stage: StageName): { registry: string; services: string } {
  const base = `Styleclip${stage[0]!.toUpperCase()}${stage.slice(1)}`;
  return { registry: `${base}-Registry`, services: base };
}

/**
 * The CDK app: per selected stage (`-c stage=dev|prod`, default both) a registry stack and a service stack,
 * account-agnostic (only the region is fixed), with cdk-nag's AwsSolutions checks (errors fail the synth).
 */
export function buildApp(props: AppProps = {}): { app: App; stages: StageStacks[] } {
  const app = new App(props);
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const stages = selectedStages(context).map((stage) => {
    const settings = stageSettings(stage, context);
    const names = stackNames(stage);
    const env = { region: settings.region };
    const registry = new RegistryStack(app, names.registry, {
      env,
      settings,
      description: `StyleCLIP ${stage}: image repositories`,
    });
    const services = new ServiceStack(app, names.services, {
      env,
      settings,
      repositories: registry.repositories,
      description: `StyleCLIP ${stage}: API, workers, web, storage, job queue`,
    });
    for (const stack of [registry, services]) {
      Tags.of(stack).add('project', 'styleclip');
      Tags.of(stack).add('stage', stage);
    }
    return { settings, registry, services };
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stages };
}
