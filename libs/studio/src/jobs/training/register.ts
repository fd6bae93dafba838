import type { MapperSync } from '../../model-sets/mappers';
import type { JobKinds } from '../kinds';
import { optimizeLatentKind, type TrainingKindDeps } from './optimize-kind';
import { trainMapperKind } from './train-mapper-kind';

/** Registers the training jobs: OPTIMIZE_LATENT and TRAIN_MAPPER (every process registers the same kinds). */
export function registerTrainingKinds(
  kinds: JobKinds,
  deps: TrainingKindDeps & { mappers: MapperSync },
): void {
  kinds.register(optimizeLatentKind(deps)).register(trainMapperKind(deps));
}
