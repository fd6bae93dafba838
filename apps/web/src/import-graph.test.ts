// The shape of the app's import graph: no module imports itself through others (no cycles), features depend
// on each other one way only, and the layers point down: app → features → shared (shared never imports a
// feature or a route), and generated code is reached through each feature's operations.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];
const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const ext of EXTENSIONS) {
    try {
      if (statSync(base + ext).isFile()) return base + ext;
    } catch {
      // Try the next extension.
    }
  }
  throw new Error(`${relative(SRC, from)}: cannot resolve ${specifier}`);
}

/** Module → the modules it imports (relative imports of TypeScript files; paths relative to src). */
function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)]
      .map((m) => m[1]!)
      .filter((s) => !s.endsWith('.css'))
      .map((s) => relative(SRC, resolveImport(file, s)));
    graph.set(relative(SRC, file), [...new Set(targets)]);
  }
  return graph;
}

/** The cycles of a graph, one per strongly connected component with more than one node (or a self-loop). */
function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The unit a module belongs to: `app`, `features/<name>`, `shared/<name>` or the file itself. */
function unitOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'app') return 'app';
  if ((parts[0] === 'features' || parts[0] === 'shared') && parts.length > 2)
    return `${parts[0]}/${parts[1]}`;
  return path;
}

/** The graph between units (features, shared folders, app): an edge for any import between them. */
function unitGraph(graph: Graph): Graph {
  const units: Graph = new Map();
  for (const [from, targets] of graph) {
    const edges = units.get(unitOf(from)) ?? [];
    for (const to of targets) if (unitOf(to) !== unitOf(from)) edges.push(unitOf(to));
    units.set(unitOf(from), [...new Set(edges)]);
  }
  return units;
}

describe('import graph', () => {
  const graph = importGraph();

  it('finds every module and its imports', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('app/layout.tsx')).toContain('features/shell/AppHeader.tsx');
  });

  it('finds cycles when there are some (the check can fail)', () => {
    const g: Graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('has no cycles between modules', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('has no cycles between features', () => {
    expect(findCycles(unitGraph(graph))).toEqual([]);
  });

  it('reaches the generated operation types only through operations.ts modules', () => {
    const wrong = [...graph]
      .filter(([, targets]) => targets.some((t) => t.startsWith('shared/api/generated/')))
      .map(([from]) => from)
      .filter((from) => !from.endsWith('/operations.ts'));
    expect(wrong).toEqual([]);
  });

  it('points down: app → features → shared', () => {
    const wrong: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        const up =
          (from.startsWith('shared/') && (to.startsWith('features/') || to.startsWith('app/'))) ||
          (from.startsWith('features/') && to.startsWith('app/'));
        if (up) wrong.push(`${from} → ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
