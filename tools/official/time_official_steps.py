#!/usr/bin/env python3
"""Maintainer script: times the official StyleCLIP steps on this CPU, for the side-by-side with
`npm run bench -- --suite optimize` and `--suite train-mapper`.

  * optimize:     one step of `optimization/run_optimization.py` (edit mode in W+, official λs: CLIP +
                  0.008·L2 + 0.005·ID, Adam at the official lr ramp), forward and backward;
  * train-mapper: one step of `mapper/training/coach.py` (`Coach.train`'s body: x = G(w) without grad,
                  ŵ = w + 0.1·M(w), x̂ = G(ŵ), `Coach.calc_loss`, backward, Ranger), batch 2.

Random weights with the official shapes (StyleGAN2 config-f at --size, CLIP ViT-B/32, ArcFace IR-SE50), built
by the official classes themselves. Nothing of the official code is in this repository: pass local checkouts of
orpatashnik/StyleCLIP and openai/CLIP (e.g. `git archive` them to /tmp). Run with Debian's python3-torch:

  /usr/bin/python3 tools/official/time_official_steps.py --styleclip /tmp/StyleCLIP --clip /tmp/CLIP \
      --what both --size 1024 --steps 3 --threads 2

What is changed, and why (none of it changes the computation):
  * `Tensor.cuda` / `Module.cuda` are the identity (the official code calls `.cuda()`, even inside
    `fused_leaky_relu`); `clip.load` returns a random ViT-B/32 in float32 (what `clip.load` gives on CPU);
  * packages the measured code does not use get inert stand-ins when absent: tqdm, torchvision (image
    saving, CLIP's preprocessing), tensorboard, ftfy, regex (tokenizer set-up; the text ids are fixed),
    packaging (CLIP's torch version check).
"""
import argparse
import json
import os
import sys
import tempfile
import time
import types


def install_stand_ins():
    import re

    def missing(name):
        try:
            __import__(name)
            return False
        except ImportError:
            return True

    if missing('tqdm'):
        m = types.ModuleType('tqdm')
        m.tqdm = lambda it=None, *a, **k: it
        sys.modules['tqdm'] = m
    if missing('ftfy'):
        m = types.ModuleType('ftfy')
        m.fix_text = lambda s: s
        sys.modules['ftfy'] = m
    if missing('regex'):
        m = types.ModuleType('regex')
        # Only the tokenizer's pattern is compiled: \p{L}/\p{N} approximated for its set-up.
        m.IGNORECASE = re.IGNORECASE
        m.compile = lambda p, f=0: re.compile(p.replace(r'\p{L}', r'[^\W\d_]').replace(r'\p{N}', r'\d'), f)
        m.findall = re.findall
        m.sub = re.sub
        sys.modules['regex'] = m
    if missing('packaging'):
        pkg = types.ModuleType('packaging')
        version = types.ModuleType('packaging.version')
        version.parse = lambda v: tuple(int(x) for x in re.findall(r'\d+', v)[:3])
        pkg.version = version
        sys.modules.update({'packaging': pkg, 'packaging.version': version})
    if missing('torchvision'):
        tv = types.ModuleType('torchvision')
        transforms = types.ModuleType('torchvision.transforms')
        for name in ['Compose', 'Resize', 'CenterCrop', 'ToTensor', 'Normalize']:
            setattr(transforms, name, lambda *a, **k: None)
        transforms.InterpolationMode = types.SimpleNamespace(BICUBIC=3)
        utils = types.ModuleType('torchvision.utils')
        utils.save_image = lambda *a, **k: None
        tv.transforms = transforms
        tv.utils = utils
        sys.modules.update({'torchvision': tv, 'torchvision.transforms': transforms, 'torchvision.utils': utils})
    try:
        import torch.utils.tensorboard  # noqa: F401
    except Exception:
        tb = types.ModuleType('torch.utils.tensorboard')
        tb.SummaryWriter = lambda *a, **k: types.SimpleNamespace(add_scalar=lambda *a, **k: None)
        sys.modules['torch.utils.tensorboard'] = tb


def timed(fn, warm_up, runs):
    for _ in range(warm_up):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    mid = len(samples) // 2
    return samples[mid] if len(samples) % 2 else (samples[mid - 1] + samples[mid]) / 2


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--styleclip', required=True, help='local checkout of orpatashnik/StyleCLIP')
    ap.add_argument('--clip', required=True, help='local checkout of openai/CLIP')
    ap.add_argument('--what', choices=['optimize', 'train-mapper', 'both'], default='both')
    ap.add_argument('--size', type=int, default=1024, help='generator resolution (config-f channels)')
    ap.add_argument('--steps', type=int, default=3)
    ap.add_argument('--threads', type=int, default=2)
    args = ap.parse_args()

    install_stand_ins()
    sys.path[:0] = [os.path.abspath(args.styleclip), os.path.abspath(args.clip)]
    import torch
    from torch import nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    torch.Tensor.cuda = lambda self, *a, **k: self
    nn.Module.cuda = lambda self, *a, **k: self

    import clip
    from clip.model import CLIP

    clip_model = CLIP(512, 224, 12, 768, 32, 77, 49408, 512, 8, 12).float().eval()
    clip.load = lambda *a, **k: (clip_model, None)

    from criteria.clip_loss import CLIPLoss
    from criteria.id_loss import IDLoss
    from models.facial_recognition.model_irse import Backbone
    from models.stylegan2.model import Generator
    from optimization.run_optimization import get_lr

    tmp = tempfile.mkdtemp(prefix='official-steps-')
    arcface_file = os.path.join(tmp, 'model_ir_se50.pth')
    torch.save(Backbone(input_size=112, num_layers=50, drop_ratio=0.6, mode='ir_se').eval().state_dict(), arcface_file)
    generator_file = os.path.join(tmp, 'stylegan2.pt')
    torch.save({'g_ema': Generator(args.size, 512, 8).state_dict()}, generator_file)
    text = torch.randint(1, 49406, (1, 77))
    text[0, 0] = 49406
    text[0, 6] = 49407
    text[0, 7:] = 0
    results = {'torch': torch.__version__, 'threads': args.threads, 'size': args.size, 'steps': args.steps}

    if args.what in ('optimize', 'both'):
        opts = argparse.Namespace(stylegan_size=args.size, ir_se50_weights=arcface_file)
        g_ema = Generator(args.size, 512, 8)
        g_ema.load_state_dict(torch.load(generator_file)['g_ema'], strict=False)
        g_ema.eval()
        with torch.no_grad():
            mean_latent = g_ema.mean_latent(4096)
            _, latent_init, _ = g_ema([torch.randn(1, 512)], return_latents=True, truncation=0.7, truncation_latent=mean_latent)
            img_orig, _ = g_ema([latent_init], input_is_latent=True, randomize_noise=False)
        latent = latent_init.detach().clone()
        latent.requires_grad = True
        clip_loss = CLIPLoss(opts)
        id_loss = IDLoss(opts)
        optimizer = torch.optim.Adam([latent], lr=0.1)
        total = args.steps + 2
        state = {'i': 0}

        def losses():
            img_gen, _ = g_ema([latent], input_is_latent=True, randomize_noise=False)
            c_loss = clip_loss(img_gen, text)
            i_loss = id_loss(img_gen, img_orig)[0]
            l2_loss = ((latent_init - latent) ** 2).sum()
            return c_loss + 0.008 * l2_loss + 0.005 * i_loss

        def step():
            optimizer.param_groups[0]['lr'] = get_lr(state['i'] / total, 0.1)
            loss = losses()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            state['i'] += 1

        def forward():
            with torch.no_grad():
                losses()

        def generator():
            with torch.no_grad():
                g_ema([latent], input_is_latent=True, randomize_noise=False)

        results['optimize'] = {
            'step_ms': timed(step, 1, args.steps),
            'forward_ms': timed(forward, 1, args.steps),
            'generator_ms': timed(generator, 1, args.steps),
        }
        print(json.dumps({'optimize': results['optimize']}), flush=True)
        del g_ema, clip_loss, id_loss, optimizer

    if args.what in ('train-mapper', 'both'):
        from mapper.styleclip_mapper import StyleCLIPMapper
        from mapper.training.coach import Coach
        from mapper.training.ranger import Ranger

        opts = argparse.Namespace(
            mapper_type='LevelsMapper', no_coarse_mapper=False, no_medium_mapper=False, no_fine_mapper=False,
            work_in_stylespace=False, batch_size=2, learning_rate=0.5, optim_name='ranger', id_lambda=0.1,
            clip_lambda=1.0, latent_l2_lambda=0.8, stylegan_weights=generator_file, stylegan_size=args.size,
            ir_se50_weights=arcface_file, checkpoint_path=None, description='mohawk hairstyle', device='cpu',
        )
        net = StyleCLIPMapper(opts)
        net.train()
        coach = Coach.__new__(Coach)
        coach.opts = opts
        coach.net = net
        coach.id_loss = IDLoss(opts).eval()
        coach.clip_loss = CLIPLoss(opts)
        coach.latent_l2_loss = nn.MSELoss().eval()
        coach.text_inputs = text
        optimizer = Ranger(list(net.mapper.parameters()), lr=opts.learning_rate)
        n_latent = net.decoder.n_latent
        with torch.no_grad():
            w_all = net.decoder.style(torch.randn(2, 512)).unsqueeze(1).repeat(1, n_latent, 1)

        def mapper_step():
            optimizer.zero_grad()
            w = w_all
            with torch.no_grad():
                x, _ = net.decoder([w], input_is_latent=True, randomize_noise=False, truncation=1)
            w_hat = w + 0.1 * net.mapper(w)
            x_hat, w_hat, _ = net.decoder([w_hat], input_is_latent=True, return_latents=True, randomize_noise=False, truncation=1)
            loss, _ = coach.calc_loss(w, x, w_hat, x_hat)
            loss.backward()
            optimizer.step()

        ms = timed(mapper_step, 1, args.steps)
        results['train_mapper'] = {'step_ms': ms, 'steps_per_second': 1000 / ms, 'batch': 2}
        print(json.dumps({'train_mapper': results['train_mapper']}), flush=True)

    print(json.dumps(results))


if __name__ == '__main__':
    main()
