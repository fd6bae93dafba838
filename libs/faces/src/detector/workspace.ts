import { fhogFeaturesKernel, fhogHistogramKernel, resizeKernel } from './image-kernels';
import { colPassKernel, rowPassKernel } from './separable-kernels';
import { buildModule } from './wasm-writer';

const PAGE = 65536;

// The slice of the WebAssembly JS API used here. Node provides it; TypeScript declares it only in lib.dom,
// which this Node-only code does not include.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export interface Kernels {
  /** Row filter of the width the workspace was built for. */
  rowPass(
    src: number,
    dst: number,
    rows: number,
    cols: number,
    filt: number,
    firstCol: number,
    lastCol: number,
    blockEnd: number,
  ): void;
  /** Column filter of the height the workspace was built for. */
  colPass(
    src: number,
    dst: number,
    cols: number,
    filt: number,
    firstRow: number,
    lastRow: number,
    firstCol: number,
    lastCol: number,
    blockEnd: number,
    addTo: number,
  ): void;
  resize(
    dst: number,
    outW: number,
    outH: number,
    simdCols: number,
    rowTop: number,
    rowBottom: number,
    rowTb: number,
    rowInvTb: number,
    cols: number,
  ): void;
  fhogFeatures(
    hist: number,
    norm: number,
    cellsNr: number,
    cellsNc: number,
    out: number,
    hogNr: number,
    hogNc: number,
    cols: number,
    planeBytes: number,
    rowOffset: number,
    colOffset: number,
  ): void;
  fhogHistogram(
    img: number,
    stride: number,
    visibleNr: number,
    simdEnd: number,
    visibleNc: number,
    orientation: number,
    cols: number,
    rowVy0: number,
    rowVy1: number,
    rowHist: number,
    histRowBytes: number,
  ): void;
}

/** Compiled modules by filter size (the separable kernels are unrolled for it). */
const compiled = new Map<string, object>();

/**
 * A WebAssembly memory and the detector's kernels bound to it, with a bump allocator: a caller marks the
 * allocation point, allocates what one step needs, and releases back to the mark. One per detector, so two
 * detectors never share buffers; a detector runs one photo at a time (JavaScript is single-threaded).
 */
export class Workspace {
  readonly memory: WasmMemory;
  readonly kernels: Kernels;
  private top = 0;

  constructor(
    readonly filterWidth: number,
    readonly filterHeight: number,
  ) {
    const key = `${filterWidth}x${filterHeight}`;
    let module = compiled.get(key);
    if (!module) {
      const kernels = [
        rowPassKernel(filterWidth),
        colPassKernel(filterHeight),
        resizeKernel(),
        fhogHistogramKernel(),
        fhogFeaturesKernel(),
      ];
      module = new wasm.Module(buildModule(kernels));
      compiled.set(key, module);
    }
    this.memory = new wasm.Memory({ initial: 1 });
    this.kernels = new wasm.Instance(module, { env: { memory: this.memory } }).exports as unknown as Kernels;
  }

  get mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /** Reserves `bytes` (16-byte aligned) and returns its byte address. Growing the memory detaches old views. */
  alloc(bytes: number): number {
    const at = this.top;
    this.top = Math.ceil((at + bytes) / 16) * 16;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) this.memory.grow(Math.ceil((this.top - have) / PAGE));
    return at;
  }

  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, length);
  }
  i32(at: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, at, length);
  }
  u8(at: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, at, length);
  }

  /** Copies `data` in and returns its address. */
  put(data: Float32Array | Int32Array | Uint8Array): number {
    const at = this.alloc(data.byteLength);
    this.u8(at, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return at;
  }
}
