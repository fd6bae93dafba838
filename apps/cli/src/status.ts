/** What the product can do so far, shown by `npm start` and `styleclip status`. Keep it true. */
export interface Capability {
  name: string;
  ready: boolean;
  note: string;
}

export const capabilities: Capability[] = [
  { name: 'Global-direction edits and live previews', ready: true, note: 'libs/editing' },
  { name: 'Latent-mapper edits (imported official mappers)', ready: true, note: 'libs/editing' },
  {
    name: 'Safe import of official checkpoints',
    ready: true,
    note: 'libs/checkpoints, libs/architectures, libs/model-sets',
  },
  { name: 'Directions precompute (sharded over workers)', ready: true, note: 'libs/studio jobs' },
  { name: 'GraphQL API, web gallery and editor, CLI', ready: true, note: 'apps/api, apps/web, apps/cli' },
  {
    name: 'Latent optimization and mapper training',
    ready: true,
    note: 'jobs (resumable), GraphQL, web Optimize tab and Train-a-mapper page; styleclip optimize, mapper train',
  },
  {
    name: 'Jobs in process or on workers (BullMQ on Redis)',
    ready: true,
    note: 'libs/studio, apps/worker; set REDIS_URL',
  },
  { name: 'Storage on a folder or S3', ready: true, note: 'libs/storage' },
  {
    name: 'Model sets in S3 (push, pull, loaded at start)',
    ready: true,
    note: 'models push/pull; STYLECLIP_MODEL_SETS',
  },
  {
    name: 'Deleting images and edits (API, CLI, web)',
    ready: true,
    note: 'libs/studio; a photo with its faces; files nothing else uses go too',
  },
  {
    name: 'Photo inversion (detect, align, e4e), paste-back',
    ready: true,
    note: 'libs/editing photos, libs/studio; random e4e in tiny: bring e4e_ffhq_encode.pt for real faces',
  },
];

export function formatStatus(caps: readonly Capability[] = capabilities): string {
  const width = Math.max(...caps.map((c) => c.name.length));
  return caps
    .map((c) => `  ${c.ready ? '[ready]  ' : '[not yet]'} ${c.name.padEnd(width)}  ${c.note}`)
    .join('\n');
}
