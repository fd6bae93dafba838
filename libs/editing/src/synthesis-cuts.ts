import { readFile } from 'node:fs/promises';
import { extractOnnxModel, readOnnxModelView, type OnnxModelView, type Shape } from '@styleclip/onnx-graph';
import type { ModelSet } from '@styleclip/model-sets';

// The set's synthesis graph cut where an S layer starts, for work that changes one layer's style and renders
// many times (the fs3 probes): the layers before it give the same activations for every probe of an image, so
// they run once per image (the prefix) and only the rest runs per probe (the suffix). Both parts are cut out of
// the set's own synthesis.onnx: the same nodes with the same stored bytes, so every operation the whole graph
// runs, the parts run, in the same order (sets of any build, imported or preset, old or new, get this). Nodes
// are assigned to layers by their names: our graph builder scopes every node of a module under its name
// (`convs.4.…`, `to_rgbs.1.…`), as the checkpoint keys read.

/** Where a graph is cut: the tensors that cross from the layers before `layer` into the rest. */
export interface SynthesisCut {
  /** S layer index the suffix starts with. */
  layer: number;
  /** Names of the activations the prefix hands over (empty for the first layer: nothing comes before it). */
  tensors: string[];
}

export interface SynthesisPart {
  /** Cache key of the part (unique per set file, cut and output). */
  key: string;
  bytes: Uint8Array;
  inputs: string[];
  outputs: string[];
}

export class SynthesisCuts {
  private constructor(
    private readonly set: ModelSet,
    private readonly model: OnnxModelView,
    /** The module (S layer) that computes each activation. */
    private readonly moduleOfTensor: ReadonlyMap<string, number>,
  ) {}

  /** Reads the set's synthesis graph (hundreds of MB at 1024: keep one instance while cutting). */
  static async open(set: ModelSet): Promise<SynthesisCuts> {
    const file = set.path(set.manifest.generator.models.synthesis);
    const model = readOnnxModelView(new Uint8Array(await readFile(file)));
    const layout = set.manifest.generator.sLayout;
    // Only activations cross a cut: tensors computed from the graph's inputs. Constants (e.g. a float16 weight
    // cast to float32 once, shared by value with later layers) are recomputed wherever they are needed.
    const dynamic = new Set(model.inputs.keys());
    const moduleOfTensor = new Map<string, number>();
    const scoped = new Set<number>();
    for (const n of model.nodes) {
      const m = layout.findIndex((l) => n.name.startsWith(`${l.module}.`));
      if (m >= 0) scoped.add(m);
      if (!n.inputs.some((t) => dynamic.has(t))) continue;
      for (const t of n.outputs) {
        dynamic.add(t);
        if (m >= 0) moduleOfTensor.set(t, m);
      }
    }
    if (scoped.size !== layout.length) {
      const missing = layout.filter((_, i) => !scoped.has(i)).map((l) => l.module);
      throw new Error(
        `${file}: no nodes named after the modules ${missing.join(', ')}; cutting needs a synthesis graph built ` +
          'by this project (node names carry the module, e.g. "convs.4.Mul_12"); rebuild or re-import the set',
      );
    }
    return new SynthesisCuts(set, model, moduleOfTensor);
  }

  private get layout() {
    return this.set.manifest.generator.sLayout;
  }

  /** The tensors produced by layers before `layer` and read by `layer` or later ones. */
  cut(layer: number): SynthesisCut {
    if (!Number.isInteger(layer) || layer < 0 || layer >= this.layout.length)
      throw new Error(`cut: S layer ${layer} does not exist (0…${this.layout.length - 1})`);
    const tensors = new Set<string>();
    for (const n of this.model.nodes) {
      const own = this.moduleOfTensor.get(n.outputs[0] ?? '');
      if (own !== undefined && own < layer) continue;
      for (const t of n.inputs) {
        const from = this.moduleOfTensor.get(t);
        if (from !== undefined && from < layer) tensors.add(t);
      }
    }
    return { layer, tensors: [...tensors] };
  }

  /**
   * The tensor holding the image at `resolution`: the skip sum after that resolution's toRGB (a preview of the
   * skip generator), or the graph's own output at full size.
   */
  imageAt(resolution: number): string {
    const g = this.set.manifest.generator;
    if (resolution === g.config.size) return [...this.model.outputs.keys()][0]!;
    const toRgb = this.layout.findIndex((l) => l.toRgb && l.resolution === resolution);
    if (toRgb < 0)
      throw new Error(`imageAt: the generator has no toRGB at ${resolution} (size ${g.config.size})`);
    const [skip, ...more] = this.cut(toRgb + 1).tensors.filter((t) => this.moduleOfTensor.get(t) === toRgb);
    if (!skip || more.length)
      throw new Error(`imageAt: expected one skip tensor out of the toRGB at ${resolution}`);
    return skip;
  }

  private key(what: string): string {
    const ref = this.set.manifest.generator.models.synthesis;
    return `${this.set.path(ref)}#${ref.sha256.slice(0, 16)}#${what}`;
  }

  /** S → the activations entering `layer` (undefined for the first layer: there is nothing before it). */
  prefix(layer: number): SynthesisPart | undefined {
    const { tensors } = this.cut(layer);
    if (tensors.length === 0) return undefined;
    return {
      key: this.key(`prefix-${layer}`),
      bytes: extractOnnxModel(this.model, { inputs: [], outputs: tensors.map((name) => ({ name })) }),
      inputs: [...this.model.inputs.keys()],
      outputs: tensors,
    };
  }

  /**
   * (activations entering `layer`, S) → the image at `resolution`. The activations are declared with the
   * `shapes` the prefix gave them, batch included (e.g. ['batch', 512, 32, 32], the name S's batch has): static
   * shapes let the runtime optimize the suffix as it does the whole graph.
   */
  suffix(layer: number, resolution: number, shapes: Readonly<Record<string, Shape>>): SynthesisPart {
    const { tensors } = this.cut(layer);
    const output = this.imageAt(resolution);
    if (this.layout[layer]!.resolution > resolution)
      throw new Error(`suffix: S layer ${layer} is above the output resolution ${resolution}`);
    return {
      key: this.key(`suffix-${layer}-${resolution}`),
      bytes: extractOnnxModel(this.model, {
        inputs: tensors.map((name) => {
          const shape = shapes[name];
          if (!shape) throw new Error(`suffix: no shape given for the cut tensor ${name}`);
          return { name, shape: [...shape] };
        }),
        outputs: [{ name: output }],
      }),
      inputs: [...this.model.inputs.keys(), ...tensors],
      outputs: [output],
    };
  }
}
