import { describe, expect, it } from 'vitest';
import { IMAGE_ROLES } from '../contract';
import { STAGES } from '../settings';
import { synthesized } from '../testing/synth';

describe.each(STAGES)('image repositories (%s)', (stage) => {
  it('one per image role: immutable tags, scanned on push, old images expire', () => {
    const { registry, settings } = synthesized().stages[stage];
    registry.resourceCountIs('AWS::ECR::Repository', IMAGE_ROLES.length);
    for (const role of IMAGE_ROLES) {
      const found = registry.findResources('AWS::ECR::Repository', {
        Properties: { RepositoryName: `styleclip-${stage}-${role}` },
      });
      expect(Object.keys(found), role).toHaveLength(1);
      const [repo] = Object.values(found) as {
        Properties: Record<string, unknown>;
        DeletionPolicy: string;
      }[];
      expect(repo!.Properties.ImageTagMutability).toBe('IMMUTABLE');
      expect(repo!.Properties.ImageScanningConfiguration).toEqual({ ScanOnPush: true });
      const policy = JSON.parse(
        (repo!.Properties.LifecyclePolicy as { LifecyclePolicyText: string }).LifecyclePolicyText,
      );
      expect(policy.rules.map((r: { selection: { tagStatus: string } }) => r.selection.tagStatus)).toEqual([
        'untagged',
        'any',
      ]);
      expect(repo!.DeletionPolicy).toBe(settings.destroyOnDelete ? 'Delete' : 'Retain');
      expect(repo!.Properties.EmptyOnDelete ?? false).toBe(settings.destroyOnDelete);
    }
  });
});
