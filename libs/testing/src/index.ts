export { seededRandom, type SeededRandom } from './random';
export { relativeL2, maxAbsDiff, hasNaN } from './metrics';
export { repoRoot, sharedDir, fixturePath, dataPath } from './paths';
