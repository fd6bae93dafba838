/** What the product can do so far, shown by `npm start` and `styleclip status`. Keep it true. */
export interface Capability {
  name: string;
  ready: boolean;
  note: string;
}

export const capabilities: Capability[] = [
  { name: 'ONNX graph toolkit + reverse-mode gradients', ready: true, note: 'libs/onnx-graph' },
  { name: 'Neural-net building blocks', ready: true, note: 'libs/nn' },
  { name: 'Safe checkpoint readers', ready: true, note: 'libs/checkpoints' },
  { name: 'CLIP tokenizer and prompt templates', ready: true, note: 'libs/tokenizer, libs/prompt-templates' },
  {
    name: 'StyleGAN2 / mapper / CLIP graphs, model sets, runners',
    ready: true,
    note: 'libs/architectures, libs/model-sets, libs/model-runners',
  },
  { name: 'Global-direction and mapper edits', ready: true, note: 'libs/editing' },
  {
    name: 'Latent optimization and mapper training (engine, CLI)',
    ready: true,
    note: 'styleclip optimize, styleclip mapper train; jobs and web tabs not yet',
  },
  {
    name: 'GraphQL API with storage and jobs',
    ready: true,
    note: 'apps/api, libs/api-contract, libs/storage',
  },
  { name: 'Web gallery and editor', ready: true, note: 'apps/web' },
];

export function formatStatus(caps: readonly Capability[] = capabilities): string {
  const width = Math.max(...caps.map((c) => c.name.length));
  return caps
    .map((c) => `  ${c.ready ? '[ready]  ' : '[not yet]'} ${c.name.padEnd(width)}  ${c.note}`)
    .join('\n');
}
