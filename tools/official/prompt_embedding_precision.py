#!/usr/bin/env python3
"""Maintainer script: how exact is the prompt's CLIP text embedding, and how much does its rounding matter?

The latent optimization (and mapper training) encode the prompt once; its embedding then enters every
step's loss. This script computes that embedding for the parity-v2 optimization fixture with the official
openai/CLIP model code, in float32 (what `clip.load` gives on CPU: the float16-rounded weights, float32
math) and in float64 (the same weights, every op in double), and writes, as float32 .npy [32] files:

  official-f32.npy, official-f64.npy    the two embeddings
  perp-K.npy (K < --perturbations)      official-f64 + a random perturbation orthogonal to it, of relative
                                        norm --perturbation-size (the cosine in the CLIP loss ignores the
                                        parallel part), i.e. a synthetic "other float32 rounding"

It prints each embedding's error against the float64 one (total, parallel, orthogonal) and, with
--ours FILE.npy (any float32 embedding, e.g. from `tools/src/parity/text-embedding-sensitivity.ts
--write-ours`), the same for that file. Feed the written files to that TypeScript script, which runs our
optimization from each embedding and compares every step with the fixture.

Nothing of openai/CLIP is in this repository: pass a local checkout (e.g. `git archive` of d05afc4, the
version the fixture ran). Run with Debian's python3-torch:

  /usr/bin/python3 tools/official/prompt_embedding_precision.py --clip /tmp/CLIP --out /tmp/emb

Why float64 needs one patch: CLIP's `LayerNorm` subclass computes in float32 whatever its input; for the
float64 model it is replaced by `torch.nn.LayerNorm.forward` (which is what the subclass calls after its
cast), so the float64 run rounds nowhere.
"""
import argparse
import importlib.util
import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FIXTURE = os.path.join(HERE, '..', '..', '..', 'shared', 'fixtures', 'parity-v2', 'optimization')


def load_clip_module(checkout):
    spec = importlib.util.spec_from_file_location('official_clip_model', os.path.join(checkout, 'clip', 'model.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(module, config, state, dtype):
    model = module.CLIP(
        config['embed_dim'], config['image_resolution'], config['vision_layers'], config['vision_width'],
        config['vision_patch_size'], config['context_length'], config['vocab_size'],
        config['transformer_width'], config['transformer_heads'], config['transformer_layers'])
    module.convert_weights(model)  # float16 where clip.load puts it, so load_state_dict keeps the rounding
    model.load_state_dict(state)
    return (model.double() if dtype == torch.float64 else model.float()).eval()


def report(name, e, exact):
    d = e - exact
    unit = exact / np.linalg.norm(exact)
    parallel = float(d @ unit)
    orthogonal = d - parallel * unit
    n = np.linalg.norm(exact)
    print(f'{name:>16}: error {np.linalg.norm(d) / n:.3e} (parallel {abs(parallel) / n:.3e}, '
          f'orthogonal {np.linalg.norm(orthogonal) / n:.3e}) relative to the float64 embedding')


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--clip', required=True, help='local checkout of openai/CLIP')
    p.add_argument('--fixture', default=DEFAULT_FIXTURE, help='parity-v2/optimization folder')
    p.add_argument('--case', default='edit-wplus')
    p.add_argument('--out', required=True)
    p.add_argument('--perturbations', type=int, default=8)
    p.add_argument('--perturbation-size', type=float, default=2.5e-7)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--ours', action='append', default=[], help='float32 .npy embedding to report (repeatable)')
    a = p.parse_args()
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)

    module = load_clip_module(a.clip)
    config = json.load(open(os.path.join(a.fixture, 'meta.json')))['clip']
    state = torch.load(os.path.join(a.fixture, 'clip_state.pt'), map_location='cpu')
    ids = torch.from_numpy(np.load(os.path.join(a.fixture, a.case, 'text_ids.npy')))
    with torch.no_grad():
        e32 = build(module, config, state, torch.float32).encode_text(ids)[0].double().numpy()
        module.LayerNorm.forward = torch.nn.LayerNorm.forward
        e64 = build(module, config, state, torch.float64).encode_text(ids)[0].numpy()
    np.save(os.path.join(a.out, 'official-f32.npy'), e32.astype(np.float32))
    np.save(os.path.join(a.out, 'official-f64.npy'), e64.astype(np.float32))
    report('official float32', e32, e64)
    report('float64, rounded', e64.astype(np.float32).astype(np.float64), e64)
    for f in a.ours:
        report(os.path.basename(f), np.load(f).astype(np.float64).reshape(-1), e64)

    rng = np.random.default_rng(a.seed)
    unit = e64 / np.linalg.norm(e64)
    for k in range(a.perturbations):
        r = rng.standard_normal(e64.shape[0])
        r -= (r @ unit) * unit
        r *= a.perturbation_size * np.linalg.norm(e64) / np.linalg.norm(r)
        np.save(os.path.join(a.out, f'perp-{k}.npy'), (e64 + r).astype(np.float32))
    print(f'wrote official-f32.npy, official-f64.npy and {a.perturbations} perp-K.npy to {a.out}')


if __name__ == '__main__':
    main()
