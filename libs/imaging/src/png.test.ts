import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode';
import { encodePng, writePng } from './png';

describe('encodePng / writePng', () => {
  const img = { rgb: Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 37) % 256), width: 4, height: 3 };

  it('encodes losslessly', async () => {
    const png = await encodePng(img.rgb, img.width, img.height);
    const back = await decodeImage(png);
    expect([back.format, back.width, back.height]).toEqual(['png', 4, 3]);
    expect(back.rgb).toEqual(img.rgb);
    await expect(encodePng(img.rgb, 5, 3)).rejects.toThrow(/5×3/);
  });

  it('writes a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imaging-'));
    try {
      await writePng(join(dir, 'a.png'), img);
      expect((await decodeImage(readFileSync(join(dir, 'a.png')))).rgb).toEqual(img.rgb);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
