// Worker thread entry: plain JavaScript so it starts under any parent (tsx, Vitest, plain node), then loads
// the TypeScript worker through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
