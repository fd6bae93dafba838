import { describe, expect, it } from 'vitest';
import { isIgnored, parseDockerignore } from './dockerignore';
import { effective, execForm, lineage, parseCopy, parseDockerfile, workdir } from './parse';

const SAMPLE = `# syntax=docker/dockerfile:1.7
ARG BASE=node:20-slim
FROM \${BASE} AS base
WORKDIR /app
USER app
# a comment
FROM base AS build
RUN npm ci \\
 # inside a continuation
 && npm run build
COPY --from=base --chown=app /x /y
FROM build AS final
WORKDIR /app/web
CMD ["next", "start"]
`;

describe('parseDockerfile', () => {
  const file = parseDockerfile(SAMPLE);

  it('reads stages, ARG defaults and joined continuations', () => {
    expect(file.args).toEqual({ BASE: 'node:20-slim' });
    expect(file.stages.map((s) => [s.name, s.from])).toEqual([
      ['base', 'node:20-slim'],
      ['build', 'base'],
      ['final', 'build'],
    ]);
    expect(file.stages[1]!.instructions[0]).toEqual({
      keyword: 'RUN',
      args: 'npm ci && npm run build',
      line: 8,
    });
  });

  it('follows inheritance for CMD, USER and WORKDIR', () => {
    expect(lineage(file, 'final').map((s) => s.name)).toEqual(['final', 'build', 'base']);
    expect(effective(file, 'final', 'USER')?.args).toBe('app');
    expect(workdir(file, 'final')).toBe('/app/web');
    expect(workdir(file, 'build')).toBe('/app');
    expect(execForm(effective(file, 'final', 'CMD')!.args)).toEqual(['next', 'start']);
    expect(execForm('npm start')).toBeUndefined();
  });

  it('reads COPY flags', () => {
    expect(parseCopy('--from=base --chown=app /x /y')).toEqual({
      from: 'base',
      sources: ['/x'],
      destination: '/y',
    });
    expect(parseCopy('a b c/')).toEqual({ sources: ['a', 'b'], destination: 'c/' });
    expect(() => parseCopy('--from=x onlyone')).toThrow(/source and a destination/);
  });

  it('refuses instructions before FROM other than ARG', () => {
    expect(() => parseDockerfile('RUN x\nFROM y')).toThrow(/line 1: RUN before the first FROM/);
  });
});

describe('dockerignore', () => {
  const rules = parseDockerignore('# c\n**/node_modules\nmodels/*/\n.env\n!keep/.env\ndata\n');

  it('excludes matches and everything under them', () => {
    expect(isIgnored(rules, 'node_modules')).toBe(true);
    expect(isIgnored(rules, 'apps/web/node_modules/next/x.js')).toBe(true);
    expect(isIgnored(rules, 'models/tiny')).toBe(true);
    expect(isIgnored(rules, 'models/tiny/manifest.json')).toBe(true);
    expect(isIgnored(rules, 'data/blobs/x')).toBe(true);
    expect(isIgnored(rules, '.env')).toBe(true);
    // Docker drops the trailing slash: `models/*/` matches files directly under models/ too.
    expect(isIgnored(rules, 'models/README.md')).toBe(true);
  });

  it('keeps the rest, and re-included paths', () => {
    expect(isIgnored(rules, 'libs')).toBe(false);
    expect(isIgnored(rules, 'apps/api/src/data.ts')).toBe(false);
    expect(isIgnored(rules, 'keep/.env')).toBe(false);
    expect(isIgnored(rules, '.envrc')).toBe(false);
  });
});
