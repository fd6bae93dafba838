import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type { Construct } from 'constructs';
import { IMAGE_ROLES, type ImageRole } from '../contract';
import type { StageSettings } from '../settings';

/**
 * One ECR repository per image role (infra/Dockerfile targets api, worker, web). A stack of its own so it can be
 * deployed, and images pushed, before the services that run them.
 */
export class RegistryStack extends Stack {
  readonly repositories: Record<ImageRole, ecr.Repository>;

  constructor(scope: Construct, id: string, props: StackProps & { settings: StageSettings }) {
    super(scope, id, props);
    const { settings } = props;
    const entries = IMAGE_ROLES.map((role) => {
      const repo = new ecr.Repository(this, `${role}Repository`, {
        repositoryName: `styleclip-${settings.stage}-${role}`,
        // Deploys name an image by tag (the ImageTag parameter): a tag must always mean the same bytes.
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        imageScanOnPush: true,
        encryption: ecr.RepositoryEncryption.AES_256,
        lifecycleRules: [
          {
            description: 'untagged layers of failed pushes',
            tagStatus: ecr.TagStatus.UNTAGGED,
            maxImageAge: Duration.days(7),
          },
          { description: 'keep the 30 newest images', tagStatus: ecr.TagStatus.ANY, maxImageCount: 30 },
        ],
        removalPolicy: settings.destroyOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
        emptyOnDelete: settings.destroyOnDelete,
      });
      return [role, repo] as const;
    });
    this.repositories = Object.fromEntries(entries) as Record<ImageRole, ecr.Repository>;
  }
}
