import type { StyleGAN2Config } from './config';

/** One StyleSpace layer: the output of one modulation affine. */
export interface SLayer {
  /** Position in StyleSpace order (conv1, toRGB, then per block conv0, conv1, toRGB). */
  index: number;
  /** NVIDIA/StyleCLIP name, e.g. `conv0_resolution_8`, `toRGB_resolution_4`. */
  name: string;
  /** rosinality module, e.g. `convs.0`, `to_rgbs.3`. */
  module: string;
  resolution: number;
  channels: number;
  /** Which W+ row feeds it. */
  wIndex: number;
  toRgb: boolean;
  /** Offset of its first channel in the concatenated S vector. */
  offset: number;
}

/** The S layout of a generator: every modulation output in StyleSpace order, toRGB included. */
export function sLayout(c: StyleGAN2Config): SLayer[] {
  const rows: Omit<SLayer, 'index' | 'offset'>[] = [
    {
      name: 'conv1_resolution_4',
      module: 'conv1',
      resolution: 4,
      channels: c.channels[4]!,
      wIndex: 0,
      toRgb: false,
    },
    {
      name: 'toRGB_resolution_4',
      module: 'to_rgb1',
      resolution: 4,
      channels: c.channels[4]!,
      wIndex: 1,
      toRgb: true,
    },
  ];
  for (let k = 0, res = 8; res <= c.size; k++, res *= 2) {
    rows.push(
      {
        name: `conv0_resolution_${res}`,
        module: `convs.${2 * k}`,
        resolution: res,
        channels: c.channels[res / 2]!,
        wIndex: 2 * k + 1,
        toRgb: false,
      },
      {
        name: `conv1_resolution_${res}`,
        module: `convs.${2 * k + 1}`,
        resolution: res,
        channels: c.channels[res]!,
        wIndex: 2 * k + 2,
        toRgb: false,
      },
      {
        name: `toRGB_resolution_${res}`,
        module: `to_rgbs.${k}`,
        resolution: res,
        channels: c.channels[res]!,
        wIndex: 2 * k + 3,
        toRgb: true,
      },
    );
  }
  let offset = 0;
  return rows.map((r, index) => {
    const layer = { ...r, index, offset };
    offset += r.channels;
    return layer;
  });
}
