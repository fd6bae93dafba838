// The CDK app entry (`cdk.json` runs it): `cd infra && npx cdk synth` writes the dev and prod templates to
// infra/cdk.out without AWS credentials. Settings problems are reported one per line, with exit code 2.
import { buildApp } from './app';
import { SettingsError } from './settings';

try {
  buildApp().app.synth();
} catch (e) {
  if (!(e instanceof SettingsError)) throw e;
  console.error(e.message);
  process.exit(2);
}
