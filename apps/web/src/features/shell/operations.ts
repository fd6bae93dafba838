// What the app's frame asks the API: whether it answers (the connectivity banner's probe).
import { graphql } from '../../shared/api/generated';

export const HealthQuery = graphql(`
  query Health {
    health {
      status
      version
      modelSets
      storage
    }
  }
`);
