// Dev-only timing: `npm run bench -w @styleclip/tokenizer`. Not part of the public API or the tests.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dataPath } from '@styleclip/testing';
import { ClipTokenizer } from './tokenizer';

const templates = JSON.parse(
  readFileSync(dataPath('imagenet_templates_styleclip79.json'), 'utf8'),
) as string[];
const prompts = [
  'face with glasses',
  'face with blue eyes',
  'a smiling woman with curly blonde hair',
  'tiger',
];

let t0 = performance.now();
const tokenizer = ClipTokenizer.load();
console.log(`load vocabulary: ${(performance.now() - t0).toFixed(1)} ms`);

for (const [i, prompt] of prompts.entries()) {
  const texts = templates.map((t) => t.replace('{}', prompt));
  t0 = performance.now();
  tokenizer.tokenize(texts);
  console.log(
    `79 templates × "${prompt}" (${i === 0 ? 'cold' : 'warm'} cache): ${(performance.now() - t0).toFixed(2)} ms`,
  );
}
