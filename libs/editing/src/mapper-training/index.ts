export {
  MapperTraining,
  type MapperTrainingOptions,
  type MapperStepResult,
  type MapperEvaluation,
} from './run';
export {
  MAPPER_TRAINING_DEFAULTS,
  MAPPER_TRAINING_LIMITS,
  resolveMapperTrainingRequest,
  type MapperTrainingRequest,
  type ResolvedMapperTrainingRequest,
  type TrainingLatents,
  type MapperGroups,
} from './request';
export type { MapperLosses } from './checkpoint';
export { installMapper, officialMapperCheckpoint } from './export';
export { flattenParams, type MapperParam } from './params';
