import { readFile } from 'node:fs/promises';
import type { FileRef, ModelSet } from '@styleclip/model-sets';
import { readOnnxModel, type OnnxModel } from '@styleclip/onnx-graph';
import { clipOf, EngineError } from '../components';

/**
 * The parsed ONNX files of a model set's networks, for composing loss graphs: the functions a loss graph
 * differentiates are exactly the ones the product runs. Each file is read and parsed once (its weights are
 * views onto the file's bytes).
 */
export class ComponentGraphs {
  private readonly cache = new Map<string, Promise<OnnxModel>>();

  constructor(readonly set: ModelSet) {}

  private load(ref: FileRef): Promise<OnnxModel> {
    const key = `${ref.path}#${ref.sha256}`;
    let m = this.cache.get(key);
    if (!m) {
      m = readFile(this.set.path(ref)).then((bytes) => readOnnxModel(bytes));
      m.catch(() => this.cache.delete(key));
      this.cache.set(key, m);
    }
    return m;
  }

  /** W+ [N,L,D] → image (`wplus` → `image`). */
  generator(): Promise<OnnxModel> {
    return this.load(this.set.manifest.generator.models.generator);
  }

  /** S [N,ΣC] → image (`s` → `image`). */
  synthesis(): Promise<OnnxModel> {
    return this.load(this.set.manifest.generator.models.synthesis);
  }

  /** Normalized pixels [N,3,R,R] → embedding (`image` → `embedding`). */
  clipImage(): Promise<OnnxModel> {
    return this.load(clipOf(this.set.manifest).image);
  }

  /** Token ids [N,context] → raw text embeddings (`ids` → `embedding`). */
  clipText(): Promise<OnnxModel> {
    return this.load(clipOf(this.set.manifest).text);
  }

  /** ArcFace face crops [N,3,112,112] → unit features (`image` → `features`). */
  arcface(): Promise<OnnxModel> {
    const arcface = this.set.manifest.arcface;
    if (!arcface) {
      throw new EngineError(
        `model set ${this.set.manifest.id} has no ArcFace; import one with "models import --arcface FILE"`,
        'no_arcface',
      );
    }
    return this.load(arcface.features);
  }

  /** The sha256 of every file a loss graph is built from (part of the graph's cache key). */
  fingerprint(
    parts: readonly ('generator' | 'synthesis' | 'clipImage' | 'clipText' | 'arcface')[],
  ): string[] {
    const m = this.set.manifest;
    return parts.map((p) => {
      if (p === 'clipImage') return m.clip?.image.sha256 ?? '-';
      if (p === 'clipText') return m.clip?.text.sha256 ?? '-';
      if (p === 'arcface') return m.arcface?.features.sha256 ?? '-';
      return m.generator.models[p].sha256;
    });
  }
}
