#!/usr/bin/env bash
# GPU check for a deployment host (infra/README.md): on a machine with an NVIDIA GPU,
#   1. shows the GPU and checks that onnxruntime-node's CUDA 12 execution provider is installed,
#   2. runs the generator and CLIP with the CUDA execution provider and with the CPU provider and compares the
#      outputs (relative L2 < 1e-3; a model that falls back to CPU fails the check),
#   3. prints the generator and CLIP benchmarks on CUDA (results in bench-results/cuda/),
#   4. times the fs3 precompute on CUDA: as it was when issue 17 was filed, whole graph, prefix reuse, fast mode.
# Usage (from anywhere in a checkout with `npm ci` done):
#   tools/gpu-check.sh [--models DIR] [--quick]
#     --models DIR  model set to compare (default: models/ffhq1024-random, built on first use)
#     --quick       benchmark the tiny set only
# Exit codes: 0 passed, 1 a check failed, 2 cannot run here (no GPU, no CUDA provider, bad arguments).
set -euo pipefail
script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

models_args=()
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --models)
      [ $# -ge 2 ] && [ -d "$2" ] || { echo "gpu-check: --models needs an existing model-set folder" >&2; exit 2; }
      models_args=(--models "$(cd "$2" && pwd)"); shift 2 ;;
    --quick) bench_args+=(--quick); shift ;;
    -h|--help) sed -n '2,11p' "$script" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$script")/.."

# 1. An NVIDIA GPU the driver can see.
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU present: nvidia-smi is not installed, so there is no NVIDIA driver on this machine." >&2
  echo "gpu-check: run this on a GPU host (e.g. an ECS GPU-optimized g5/g6 instance); nothing was checked." >&2
  exit 2
fi
if ! gpus=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null) || [ -z "$gpus" ]; then
  echo "gpu-check: no NVIDIA GPU present: nvidia-smi found no GPU (or the driver is not loaded); nothing was checked." >&2
  exit 2
fi
echo "GPU: $gpus"

provider_lib=node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so
if [ ! -f "$provider_lib" ]; then
  echo "gpu-check: onnxruntime-node's CUDA execution provider is not installed ($provider_lib is missing)." >&2
  echo "gpu-check: install it (downloads from nuget.org): ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node" >&2
  exit 2
fi

# 2. CUDA vs CPU outputs of the generator and CLIP.
node --import tsx tools/src/gpu-check/main.ts --provider cuda "${models_args[@]}"

# 3. Benchmarks on CUDA (the MatMul ceiling is measured on CUDA too).
echo
STYLECLIP_EXECUTION_PROVIDER=cuda npm run -s bench -- --suite generator --out bench-results/cuda "${bench_args[@]}"
echo
STYLECLIP_EXECUTION_PROVIDER=cuda npm run -s bench -- --suite clip --out bench-results/cuda "${bench_args[@]}"
echo
# 4. The fs3 precompute's ways on CUDA (issue 17's throughput figures on the deployment hardware).
fs3_set=ffhq1024-random
[ ${#bench_args[@]} -gt 0 ] && fs3_set=tiny
STYLECLIP_EXECUTION_PROVIDER=cuda npm run -s bench -- --suite fs3 --fs3-set "$fs3_set" --out bench-results/cuda
