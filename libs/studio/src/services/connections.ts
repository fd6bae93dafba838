import { z } from 'zod';
import { badInput } from '../errors';
import { isId } from '../ids';
import { parseParameters } from '../parameters/parse';
import type { Parameters } from '../parameters/schema';

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** Checks `first` (the page size of list `list`, from the parameter schema) and `after` (an id) of a connection. */
export function pageArgs(
  pages: Parameters['pages'],
  list: keyof Parameters['pages']['shape'],
  first: number | null | undefined,
  after: string | null | undefined,
): { first: number; after?: string } {
  const n = parseParameters(z.object({ first: pages.shape[list] }), { first }).first;
  if (after === null || after === undefined) return { first: n };
  if (!isId(after)) throw badInput(`after ${JSON.stringify(after)} is not a cursor of this list`);
  return { first: n, after };
}

/**
 * Pages through an index listed in key order, resolving each name to a node (or undefined to skip it: an entry
 * whose record is missing or filtered out), until `first` nodes are found or the index ends.
 */
export async function paginate<T>(o: {
  first: number;
  after?: string;
  /** Lists names after a name (exclusive). */
  list: (afterName: string | undefined, limit: number) => Promise<{ names: string[]; more: boolean }>;
  /** The name to continue after, for a cursor. */
  resumeAfter?: (cursor: string) => string;
  resolve: (name: string) => Promise<{ cursor: string; node: T } | undefined>;
}): Promise<Connection<T>> {
  const edges: Edge<T>[] = [];
  const seen = new Set<string>();
  let afterName = o.after === undefined ? undefined : (o.resumeAfter ?? ((c) => c))(o.after);
  let more = true;
  while (edges.length <= o.first && more) {
    const page = await o.list(afterName, Math.min(1000, (o.first + 1 - edges.length) * 2));
    more = page.more;
    if (page.names.length === 0) break;
    afterName = page.names[page.names.length - 1];
    const resolved = await Promise.all(page.names.map((n) => o.resolve(n)));
    for (const r of resolved) {
      if (!r || seen.has(r.cursor)) continue;
      seen.add(r.cursor);
      edges.push(r);
      if (edges.length > o.first) break;
    }
  }
  const hasNextPage = edges.length > o.first;
  const page = edges.slice(0, o.first);
  return { edges: page, pageInfo: { endCursor: page.at(-1)?.cursor ?? null, hasNextPage } };
}
