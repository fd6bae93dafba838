import { z } from 'zod';
import { DamagedRecords } from '../damaged-records';
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
  /** Entries of this page whose record could not be read (damaged) and were left out. */
  skipped: number;
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

const DAMAGED = Symbol('damaged');

/**
 * Pages through an index listed in key order, resolving each name to a node (or undefined to skip it: an entry
 * whose record is missing or filtered out), until `first` nodes are found or the index ends. An entry whose
 * record is damaged (`resolve` throws a damaged-record error, which the reader logs) is left out and counted in
 * `skipped`; other failures (storage down) fail the page.
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
  /** Damaged entries met before each edge (so those after the page's last edge count on the next page). */
  const damagedBefore: number[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let afterName = o.after === undefined ? undefined : (o.resumeAfter ?? ((c) => c))(o.after);
  let more = true;
  const resolve = async (name: string) => {
    try {
      return await o.resolve(name);
    } catch (e) {
      if (!DamagedRecords.is(e)) throw e;
      return DAMAGED;
    }
  };
  while (edges.length <= o.first && more) {
    const page = await o.list(afterName, Math.min(1000, (o.first + 1 - edges.length) * 2));
    more = page.more;
    if (page.names.length === 0) break;
    afterName = page.names[page.names.length - 1];
    const resolved = await Promise.all(page.names.map(resolve));
    for (const r of resolved) {
      if (r === DAMAGED) {
        skipped++;
        continue;
      }
      if (!r || seen.has(r.cursor)) continue;
      seen.add(r.cursor);
      edges.push(r);
      damagedBefore.push(skipped);
      if (edges.length > o.first) break;
    }
  }
  const hasNextPage = edges.length > o.first;
  const page = edges.slice(0, o.first);
  return {
    edges: page,
    pageInfo: { endCursor: page.at(-1)?.cursor ?? null, hasNextPage },
    skipped: hasNextPage ? damagedBefore[o.first - 1]! : skipped,
  };
}
