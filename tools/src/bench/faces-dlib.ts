// dlib's own C++ face detection + landmarks as a yardstick: builds tools/dlib-reference/reference.cpp against
// Debian's libdlib-dev with g++ (cached by source and flags), converts photos to PPM, runs it, parses its JSON.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { decodeImage } from '@styleclip/imaging';

const run = promisify(execFile);
const SOURCE = resolve(import.meta.dirname, '..', '..', 'dlib-reference', 'reference.cpp');
const CACHE = join(tmpdir(), 'styleclip-dlib-reference');

/** Compiler flags: `portable` is a plain optimized build (SSE2, what a default build gets); `native` adds -march=native (AVX). */
export const DLIB_BUILDS = {
  portable: ['-O3'],
  native: ['-O3', '-march=native'],
} as const;
export type DlibBuild = keyof typeof DLIB_BUILDS;

/** Builds the reference program (once per source and flags) and returns its path. */
export async function buildDlibReference(build: DlibBuild = 'portable'): Promise<string> {
  if (!existsSync('/usr/include/dlib/image_processing/frontal_face_detector.h')) {
    throw new Error(
      "dlib's headers are missing: install Debian's libdlib-dev (and libdlib-data for the landmark model)",
    );
  }
  const source = await readFile(SOURCE);
  const flags = DLIB_BUILDS[build];
  const key = createHash('sha256').update(source).update(flags.join(' ')).digest('hex').slice(0, 16);
  const binary = join(CACHE, `reference-${build}-${key}`);
  if (existsSync(binary)) return binary;
  await mkdir(CACHE, { recursive: true });
  process.stderr.write(`building dlib's reference program (${build}: g++ ${flags.join(' ')})…\n`);
  // Debian ships libblas.so.3/liblapack.so.3 without the -dev symlinks dlib's pkg-config file names.
  await run(
    'g++',
    [
      '-std=c++14',
      ...flags,
      SOURCE,
      '-o',
      binary,
      '-ldlib',
      '-lpthread',
      '-l:libblas.so.3',
      '-l:liblapack.so.3',
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return binary;
}

/** Writes a photo as binary PPM (the reference program needs no image library) and returns its path. */
export async function photoToPpm(png: string): Promise<string> {
  const img = await decodeImage(await readFile(png));
  await mkdir(CACHE, { recursive: true });
  const path = join(CACHE, `${basename(png).replace(/\.[^.]+$/, '')}-${img.sha256.slice(0, 12)}.ppm`);
  if (!existsSync(path)) {
    await writeFile(path, Buffer.concat([Buffer.from(`P6\n${img.width} ${img.height}\n255\n`), img.rgb]));
  }
  return path;
}

export interface DlibFace {
  left: number;
  top: number;
  right: number;
  bottom: number;
  score: number;
  detector: number;
  landmarks: [number, number][];
}

export interface DlibRun {
  file: string;
  width: number;
  height: number;
  faces: DlibFace[];
  /** Milliseconds per timed run (detection + landmarks), when `repeat` > 0. */
  ms: number[];
}

/** Runs dlib on PPM photos: Python-binding semantics for `upsample`, `adjust` = dlib's adjust_threshold. */
export async function runDlibReference(
  binary: string,
  ppms: string[],
  o: { upsample: number; adjust?: number; repeat?: number; warmup?: number; predictor?: string },
): Promise<DlibRun[]> {
  const args = [
    '--upsample',
    String(o.upsample),
    '--adjust',
    String(o.adjust ?? 0),
    '--repeat',
    String(o.repeat ?? 0),
    '--warmup',
    String(o.warmup ?? 1),
  ];
  if (o.predictor) args.push('--predictor', o.predictor);
  const { stdout } = await run(binary, [...args, ...ppms], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DlibRun);
}
