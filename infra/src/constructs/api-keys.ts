import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag';
import type { StageSettings } from '../settings';

/**
 * The API keys allowed to mutate: the JSON field `STYLECLIP_API_KEY_SHA256` holds comma-separated sha256 digests
 * of the keys, each optionally named (`name:digest`; see .env.example). A fresh deploy holds a random digest
 * that no key matches, so mutations stay closed until an operator stores the digests of real keys (an empty
 * list would open them to the internet).
 */
export class ApiKeys extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: { settings: StageSettings }) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `StyleCLIP ${props.settings.stage}: sha256 digests of the API keys (STYLECLIP_API_KEY_SHA256)`,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'STYLECLIP_API_KEY_SHA256',
        // 64 characters from 0-9a-f: a well-formed digest whose key nobody knows.
        passwordLength: 64,
        excludeUppercase: true,
        excludePunctuation: true,
        includeSpace: false,
        excludeCharacters: 'ghijklmnopqrstuvwxyz',
      },
    });
    acknowledgeNag(
      this.secret,
      'SMG4',
      'the secret holds digests of keys that operators issue to clients; replacing a key is adding its digest and removing the old one, so automatic rotation has nothing to rotate',
    );
  }
}
