import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  inferArcFaceConfig,
  inferE4eConfig,
  inferLevelsMapperConfig,
  inferStyleGAN2Config,
  readClipCheckpoint,
  type Weight,
} from '@styleclip/architectures';
import { openCheckpoint, stateDict } from '@styleclip/checkpoints';
import { buildPresetSet, ensurePresetSet } from '@styleclip/editing';
import { allFiles, importModelSet, loadModelSet, PRESETS, type ProgressEvent } from '@styleclip/model-sets';
import { CliError, parseNumber } from '../errors';
import { registerModelTransfer } from './model-transfer';

interface ImportArgs {
  generator: string;
  mapper: Record<string, string>;
  clip?: string;
  clipVisionHeads?: string;
  clipTextHeads?: string;
  arcface?: string;
  encoder?: string;
  out: string;
  id?: string;
}
import { Progress } from '../progress';

function progressFor(label: string) {
  const bar = new Progress(label);
  return {
    onProgress: (e: ProgressEvent) => bar.update(e.done, e.total, e.step),
    done: () => bar.done(),
  };
}

function collectMapper(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new CliError(`--mapper takes NAME=FILE, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

export function registerModels(program: Command): void {
  const models = program.command('models').description('build, import, inspect, push and pull model sets');

  models
    .command('build')
    .description('build a preset model set with random weights')
    .requiredOption('--preset <name>', `preset: ${Object.keys(PRESETS).join(' | ')}`)
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <n>', 'random seed of the weights', '0')
    .option('--no-directions', 'skip the S statistics and fs3 the tiny preset computes')
    .action(async (o: { preset: string; out: string; seed: string; directions: boolean }) => {
      if (!PRESETS[o.preset])
        throw new CliError(`unknown preset "${o.preset}"; choose one of ${Object.keys(PRESETS).join(', ')}`);
      const p = progressFor(`building ${o.preset}`);
      const d = new Progress('directions');
      const m = await buildPresetSet(o.preset, o.out, {
        seed: parseNumber('--seed', o.seed, 0, 0xffffffff),
        directions: o.directions,
        onProgress: p.onProgress,
        onDirections: (e) => e.phase !== 'done' && d.update(e.done, e.total, e.phase),
      });
      p.done();
      console.log(
        `model set ${m.id} written to ${o.out} (${m.generator.config.size}×${m.generator.config.size}, ${Object.keys(m.mappers).length} mapper(s))`,
      );
    });

  models
    .command('ensure')
    .description(
      'make a folder hold the current revision of a preset set: built when missing or older, left alone otherwise',
    )
    .requiredOption('--preset <name>', `preset: ${Object.keys(PRESETS).join(' | ')}`)
    .requiredOption('--out <dir>', "the set's folder")
    .option(
      '--cache',
      'build once per machine (OS temp folder, keyed by the preset revision) and copy it from there',
    )
    .action(async (o: { preset: string; out: string; cache?: boolean }) => {
      if (!PRESETS[o.preset])
        throw new CliError(`unknown preset "${o.preset}"; choose one of ${Object.keys(PRESETS).join(', ')}`);
      const r = await ensurePresetSet(o.preset, o.out, {
        log: (line) => console.log(line),
        ...(o.cache ? { cache: 'copy' as const } : {}),
      });
      if (r === 'foreign')
        throw new CliError(`${o.out} holds a model set that is not the ${o.preset} preset; not touching it`);
      console.log(`${o.out}: ${r}`);
    });

  models
    .command('import')
    .description(
      'import official checkpoints (rosinality generator, e4e decoder and encoder, StyleCLIP mappers, CLIP, ArcFace) into a model set',
    )
    .requiredOption('--generator <file>', 'generator checkpoint (.pt, legacy or zip; safetensors)')
    .option('--mapper <name=file>', 'a StyleCLIP LevelsMapper checkpoint (repeatable)', collectMapper, {})
    .option(
      '--clip <file>',
      'CLIP weights: OpenAI ViT-B-32.pt (TorchScript) or state dict, or Hugging Face CLIPModel weights',
    )
    .option('--clip-vision-heads <n>', 'vision attention heads when the width is not a multiple of 64')
    .option('--clip-text-heads <n>', 'text attention heads when the width is not a multiple of 64')
    .option(
      '--arcface <file>',
      "ArcFace IR-SE weights for the ID loss: TreB1eN's model_ir_se50.pth (bare state dict)",
    )
    .option(
      '--encoder <file>',
      'e4e checkpoint (e4e_ffhq_encode.pt) whose encoder inverts aligned faces to W+',
    )
    .requiredOption('--out <dir>', 'output folder')
    .option('--id <id>', 'model set id (default: the folder name)')
    .action(async (o: ImportArgs) => {
      const p = progressFor('importing');
      const heads = {
        ...(o.clipVisionHeads
          ? { visionHeads: parseNumber('--clip-vision-heads', o.clipVisionHeads, 1, 1024) }
          : {}),
        ...(o.clipTextHeads
          ? { transformerHeads: parseNumber('--clip-text-heads', o.clipTextHeads, 1, 1024) }
          : {}),
      };
      const m = await importModelSet(o.out, {
        generator: o.generator,
        mappers: o.mapper,
        ...(o.clip ? { clip: o.clip, clipHeads: heads } : {}),
        ...(o.arcface ? { arcface: o.arcface } : {}),
        ...(o.encoder ? { encoder: o.encoder } : {}),
        ...(o.id ? { id: o.id } : {}),
        onProgress: p.onProgress,
      });
      p.done();
      const c = m.generator.config;
      console.log(
        `model set ${m.id}: generator ${c.size}px, style dim ${c.styleDim}, ${c.nMlp} mapping layers`,
      );
      if (m.source.kind === 'import') for (const n of m.source.notes) console.log(`  note: ${n}`);
      for (const [name, x] of Object.entries(m.mappers))
        console.log(`  mapper ${name}: groups ${JSON.stringify(x.config.groups)}`);
      if (m.clip)
        console.log(
          `  clip: ${m.clip.origin}, embed ${m.clip.config.embedDim}, image ${m.clip.config.imageResolution}px`,
        );
      if (m.arcface) {
        const a = m.arcface.config;
        console.log(
          `  arcface: IR-SE stages ${a.body.stages.map((st) => st.depth).join('/')}, embedding ${a.embedding}, ID loss at ${m.arcface.idLossSize}px`,
        );
      }
      if (m.encoder) {
        const e = m.encoder.config;
        console.log(
          `  encoder: e4e, IR-SE stages ${e.body.stages.map((st) => st.depth).join('/')}, FPN ${e.fpnWidth}, ${e.inputSize}px → W+ [${e.styleCount},${e.styleDim}]`,
        );
      }
    });

  models
    .command('inspect')
    .description(
      'show the tensors (keys, shapes, dtypes) and inferred config of a checkpoint, or a model set',
    )
    .argument('<path>', 'checkpoint file or model-set folder')
    .option('--limit <n>', 'tensors to list', '40')
    .action(async (path: string, o: { limit: string }) => {
      const info = await stat(path).catch(() => undefined);
      if (!info) throw new CliError(`${path}: no such file or folder`);
      if (info.isDirectory()) {
        const set = await loadModelSet(path, { verify: true });
        console.log(JSON.stringify(set.manifest, null, 2));
        console.log(`all ${allFiles(set.manifest).length} files match their sha256`);
        return;
      }
      const ckpt = await openCheckpoint(path);
      try {
        const tensors = stateDict(ckpt.root);
        console.log(`${path}: ${ckpt.format}, ${tensors.size} tensors`);
        const limit = Number(o.limit);
        let i = 0;
        for (const [k, t] of tensors) {
          if (i++ >= limit) {
            console.log(`  … ${tensors.size - limit} more (--limit)`);
            break;
          }
          console.log(`  ${k}  ${t.dtype}[${t.shape.join(',')}]`);
        }
        const shapes = new Map<string, Weight>();
        for (const [k, t] of tensors) shapes.set(k, { shape: t.shape, data: new Float32Array(0) });
        for (const prefix of ['g_ema.', 'state_dict.decoder.', '']) {
          const sub = new Map(
            [...shapes].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]),
          );
          if (!sub.has('conv1.conv.modulation.weight')) continue;
          console.log(
            `StyleGAN2 generator under "${prefix || '(root)'}": ${JSON.stringify(inferStyleGAN2Config(sub))}`,
          );
          break;
        }
        const mapper = new Map(
          [...shapes].filter(([k]) => k.startsWith('state_dict.mapper.')).map(([k, v]) => [k.slice(18), v]),
        );
        if (mapper.size > 0)
          console.log(`StyleCLIP LevelsMapper: ${JSON.stringify(inferLevelsMapperConfig(mapper))}`);
        const encoder = new Map(
          [...shapes].filter(([k]) => k.startsWith('state_dict.encoder.')).map(([k, v]) => [k.slice(19), v]),
        );
        if (encoder.has('styles.0.linear.weight')) {
          try {
            console.log(`e4e encoder: ${JSON.stringify(inferE4eConfig(encoder))}`);
          } catch (e) {
            console.log(`e4e-like encoder weights (config not inferred: ${(e as Error).message})`);
          }
        }
        if (shapes.has('output_layer.3.weight')) {
          try {
            console.log(`ArcFace IR-SE backbone: ${JSON.stringify(inferArcFaceConfig(shapes))}`);
          } catch (e) {
            console.log(`ArcFace-like weights (config not inferred: ${(e as Error).message})`);
          }
        }
        if (
          shapes.has('visual.conv1.weight') ||
          shapes.has('vision_model.embeddings.patch_embedding.weight')
        ) {
          try {
            const clip = await readClipCheckpoint(path);
            console.log(`CLIP (${clip.source}): ${JSON.stringify(clip.config)}`);
          } catch (e) {
            console.log(`CLIP weights (config not inferred: ${(e as Error).message})`);
          }
        }
      } finally {
        await ckpt.close();
      }
    });
  registerModelTransfer(models);
}
