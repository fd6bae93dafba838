import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bombEntry, GiB, npzBomb, smallTorchPickle, torchZipWith } from './test-helpers/bombs';
import { testDir } from './test-helpers/temp-dir';
import { dict, tensor, torchLegacy, torchZip } from './test-helpers/torch-files';

const dir = testDir('bombs');
const childScript = fileURLToPath(new URL('./test-helpers/load-in-child.ts', import.meta.url));
const tsx = fileURLToPath(import.meta.resolve('tsx'));

interface ChildLoad {
  file: string;
  tensors?: number;
  error?: string;
  peakRssBytes: number;
  ms: number;
}

/** Loads the files one after another in a fresh Node process; one report per file, in order. */
async function loadInChild(files: string[]): Promise<ChildLoad[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, childScript, ...files], {
    maxBuffer: 1 << 20,
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ChildLoad);
}

const file = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

const pickle = smallTorchPickle();

/** A safetensors file whose header describes a 2 GiB tensor and whose data is 16 bytes. */
function safetensorsClaiming2GiB(): Uint8Array {
  const json = JSON.stringify({ t: { dtype: 'F32', shape: [2 ** 29], data_offsets: [0, 2 * GiB] } });
  const header = Buffer.from(json.padEnd(Math.ceil(json.length / 8) * 8, ' '));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, Buffer.alloc(16)]);
}

// Each file is at most ~2 MB on disk and would take 2 GiB to load; the small ones need 16 bytes of storage.
const bombs: [name: string, bytes: Uint8Array, refusal: RegExp][] = [
  [
    'torch-declared.pt',
    torchZipWith({ storage: bombEntry('archive/data/0', 2 * GiB) }),
    /zip entry archive\/data\/0 declares 2147483648 bytes, more than the 16 bytes storage data\/0 needs/,
  ],
  [
    'torch-lying.pt',
    torchZipWith({ storage: bombEntry('archive/data/0', 2 * GiB, { declared: 16 }) }),
    /archive\/data\/0 inflates past the 16 bytes its zip header declares \(a zip bomb\?\)/,
  ],
  [
    'torch-zip64-lying.pt',
    torchZipWith({ storage: bombEntry('archive/data/0', 2 * GiB, { declared: 16 }), zip64: true }),
    /archive\/data\/0 inflates past the 16 bytes its zip header declares/,
  ],
  [
    'torchscript-lying.pt',
    torchZipWith({ storage: bombEntry('archive/data/0', 2 * GiB, { declared: 16 }), constants: true }),
    /archive\/data\/0 inflates past the 16 bytes its zip header declares/,
  ],
  [
    'torch-huge-storage.pt',
    torchZipWith({
      storage: bombEntry('archive/data/0', 2 * GiB),
      storageSpec: { dtype: 'float32', data: new Float32Array(4), numel: 2 ** 29 },
    }),
    /storage data\/0 needs 2147483648 bytes inflated, more than the 1073741824 allowed for one compressed entry/,
  ],
  [
    'torch-pickle.pt',
    torchZipWith({ pickle: bombEntry('archive/data.pkl', 2 * GiB, { prefix: pickle }) }),
    /zip entry archive\/data\.pkl declares 2147483\d+ bytes, more than the 268435456 bytes a pickle may have/,
  ],
  [
    'torch-pickle-lying.pt',
    torchZipWith({
      pickle: bombEntry('archive/data.pkl', 2 * GiB, { prefix: pickle, declared: pickle.length }),
    }),
    /archive\/data\.pkl inflates past the \d+ bytes its zip header declares/,
  ],
  [
    'npz-declared.npz',
    npzBomb(2 * GiB),
    /a\.npy: the member declares 2147483792 bytes, its npy header says it needs 144$/,
  ],
  [
    'npz-lying.npz',
    npzBomb(2 * GiB, { declared: 144 }),
    /a\.npy inflates past the 144 bytes its zip header declares/,
  ],
  [
    'expanded.pt',
    torchZip(dict({ t: tensor('0', [2 ** 29], { stride: [0] }) }), {
      '0': { dtype: 'float32', data: new Float32Array(1) },
    }),
    /tensor \[536870912\] expands 4 bytes of storage data\/0 to 2147483648 bytes, more than the 1073741824 allowed/,
  ],
  // Nothing inflates in these formats: what the metadata claims is checked against the file's real size.
  [
    'legacy.pt',
    torchLegacy(dict({ t: tensor('0', [4]) }), {
      '0': { dtype: 'float32', data: new Float32Array(4), numel: 2 ** 29 },
    }),
    /truncated: storage 0 needs 2147483648 bytes at offset \d+, file has \d+ bytes/,
  ],
  [
    'claims.safetensors',
    safetensorsClaiming2GiB(),
    /truncated: tensor t needs 2147483648 bytes at offset \d+, file has \d+ bytes/,
  ],
];

describe('decompression bombs', () => {
  it('refuses each with a clear error, in bounded memory', async () => {
    const normal = file('normal.pt', torchZipWith());
    const paths = bombs.map(([name, bytes]) => file(name, bytes));
    for (const [name, bytes] of bombs) expect(bytes.length, name).toBeLessThan(2.5e6);
    const [baseline, ...loads] = await loadInChild([normal, ...paths]);
    expect(baseline!.tensors).toBe(1);
    for (const [i, [name, , refusal]] of bombs.entries()) {
      const load = loads[i]!;
      expect(load.error, `${name} must be refused`).toMatch(refusal);
      expect(load.error, name).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));
      // Every load so far together raised the peak by less than 64 MiB; inflating one bomb takes 2 GiB.
      expect(load.peakRssBytes - baseline!.peakRssBytes, name).toBeLessThan(64 * 2 ** 20);
    }
  });
});
