import { describe, expect, it } from 'vitest';
import { StorageError } from '@styleclip/storage';
import { DamagedRecords } from './damaged-records';
import { StudioError } from './errors';
import type { Logger } from './log';

function recordingLogger(): { log: Logger; lines: unknown[][] } {
  const lines: unknown[][] = [];
  const log = { error: (...a: unknown[]) => lines.push(a) } as unknown as Logger;
  return { log, lines };
}

describe('DamagedRecords', () => {
  it('turns a damaged record into RECORD_CORRUPT naming it, and logs it once per record', async () => {
    const { log, lines } = recordingLogger();
    const damaged = new DamagedRecords(log);
    const bad = () => Promise.reject(new StorageError('corrupt', 'record records/image/a.json is corrupt'));
    for (let i = 0; i < 3; i++) {
      const e = await damaged.read('image', 'a', bad).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StudioError);
      expect((e as StudioError).code).toBe('RECORD_CORRUPT');
      expect((e as StudioError).message).toMatch(/^image "a" cannot be read: its stored record is damaged/);
    }
    damaged.report('image', 'b', new Error('x'));
    expect(lines).toHaveLength(2);
    expect(lines[0]![0]).toMatchObject({ recordType: 'image', recordId: 'a' });
  });

  it('passes other failures (storage down, bugs) through unchanged', async () => {
    const damaged = new DamagedRecords(recordingLogger().log);
    const down = new StorageError('unavailable', 'down');
    await expect(damaged.read('image', 'a', () => Promise.reject(down))).rejects.toBe(down);
    expect(DamagedRecords.is(down)).toBe(false);
    expect(DamagedRecords.is(new StorageError('incompatible_version', 'newer'))).toBe(true);
  });
});
