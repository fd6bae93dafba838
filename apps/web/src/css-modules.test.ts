// Every class a component takes from its CSS module exists there (a typo would silently drop the style), and
// every class a module defines is used (no dead styles).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const MODULE_IMPORT = /import\s+(\w+)\s+from\s+'(\.[^']+\.module\.css)'/g;

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

/** The classes a stylesheet defines (`:global(…)` ones excluded). */
function definedClasses(css: string): Set<string> {
  const local = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/:global\([^)]*\)/g, '');
  return new Set([...local.matchAll(/\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]!).filter((c) => !/^\d/.test(c)));
}

/** CSS module → the classes the components importing it use. */
function usedClasses(): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const file of files(SRC, /\.tsx$/)) {
    const text = readFileSync(file, 'utf8');
    for (const [, name, specifier] of text.matchAll(MODULE_IMPORT)) {
      const css = resolve(dirname(file), specifier!);
      const classes = used.get(css) ?? new Set<string>();
      for (const m of text.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g'))) classes.add(m[1]!);
      used.set(css, classes);
    }
  }
  return used;
}

describe('CSS modules', () => {
  const modules = files(SRC, /\.module\.css$/);
  const used = usedClasses();

  it('are all imported by a component', () => {
    expect(modules.length).toBeGreaterThan(15);
    expect(modules.filter((m) => !used.has(m)).map((m) => relative(SRC, m))).toEqual([]);
  });

  it.each(modules.map((m) => [relative(SRC, m), m]))(
    '%s defines what is used and uses what it defines',
    (_n, m) => {
      const defined = definedClasses(readFileSync(m, 'utf8'));
      const classes = used.get(m) ?? new Set<string>();
      expect(
        [...classes].filter((c) => !defined.has(c)),
        'used but not defined',
      ).toEqual([]);
      expect(
        [...defined].filter((c) => !classes.has(c)),
        'defined but not used',
      ).toEqual([]);
    },
  );

  it('finds a missing class (the check can fail)', () => {
    expect(definedClasses('.a { x: 1 } .b :global(.panel) { y: 2 } /* .c */ .d:hover {}')).toEqual(
      new Set(['a', 'b', 'd']),
    );
  });
});
