import type { Opened } from './checkpoint';
import type { GlobalResolver } from './pickle/allowlist';
import { torchZipReader, archivePrefix } from './torch-zip';
import type { ZipArchive } from './zip';

/** True when the zip is a TorchScript archive (PyTorch's own test: it has `constants.pkl`). */
export function isTorchScript(zip: ZipArchive): boolean {
  return zip.get(archivePrefix(zip) + 'constants.pkl') !== undefined;
}

/**
 * A `torch.jit.save` archive. `data.pkl` is the module tree: each module a `__torch__.*` PickleObject whose
 * BUILD state maps attribute names (parameters, buffers, submodules) to values, so flattening it gives the
 * `state_dict()` keys. Storages of `data.pkl` live in `data/`, those of `constants.pkl` in `constants/`.
 */
export async function readTorchScript(zip: ZipArchive, globals: GlobalResolver): Promise<Opened> {
  const reader = await torchZipReader(zip, globals);
  const root = await reader.unpickleEntry('data.pkl', 'data');
  const constants = await reader.unpickleEntry('constants.pkl', 'constants');
  return { format: 'torchscript', root, constants };
}
