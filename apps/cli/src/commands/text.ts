import type { Command } from 'commander';
import { Engine } from '@styleclip/editing';
import { tokenize } from '@styleclip/tokenizer';
import { writeArray } from '../npy-io';

export function registerText(program: Command): void {
  program
    .command('tokenize')
    .description('CLIP token ids of each text (start, tokens, end, zero padding to 77), as JSON')
    .argument('<text...>', 'texts to tokenize')
    .option('--no-pad', 'print ids up to the end token only')
    .action((texts: string[], o: { pad: boolean }) => {
      const batch = tokenize(texts, { truncate: true });
      const ctx = batch.shape[1]!;
      const rows = texts.map((text, i) => {
        const ids = Array.from(batch.ids.subarray(i * ctx, (i + 1) * ctx), Number);
        return { text, ids: o.pad ? ids : ids.slice(0, batch.lengths[i]), truncated: batch.truncated[i] };
      });
      console.log(JSON.stringify(rows.length === 1 ? rows[0] : rows));
      for (const r of rows)
        if (r.truncated)
          process.stderr.write(`warning: "${r.text.slice(0, 40)}…" was truncated to 77 tokens\n`);
    });

  program
    .command('text-direction')
    .description(
      'the CLIP text direction Δt = normalize(t_target − t_neutral) over the 79 StyleCLIP templates',
    )
    .requiredOption('--models <dir>', 'model set folder (its CLIP model is used)')
    .requiredOption('--neutral <text>', 'neutral description, e.g. "face"')
    .requiredOption('--target <text>', 'target description, e.g. "face with blue eyes"')
    .option('--output <file>', 'write Δt as float32 .npy')
    .action(async (o: { models: string; neutral: string; target: string; output?: string }) => {
      const engine = await Engine.open(o.models);
      try {
        const d = await engine.text.direction(o.neutral, o.target);
        console.log(`norm before normalization: ${d.normBeforeNormalization.toFixed(6)}`);
        for (const t of d.truncated)
          process.stderr.write(`warning: a template of "${t.slice(0, 40)}…" was truncated to 77 tokens\n`);
        if (o.output) {
          await writeArray(o.output, { shape: [d.direction.length], data: d.direction });
          console.log(`Δt written to ${o.output}`);
        }
      } finally {
        await engine.close();
      }
    });
}
