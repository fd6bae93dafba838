/** Raised while building a graph: a wrong shape, dtype or attribute, named by op and node. */
export class GraphBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphBuildError';
  }
}
