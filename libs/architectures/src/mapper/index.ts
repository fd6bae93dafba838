export {
  MAPPER_GROUPS,
  inferLevelsMapperConfig,
  levelsMapper,
  buildMapperGraph,
  randomLevelsMapperWeights,
  type LevelsMapperConfig,
} from './levels-mapper';
