'use client';
// Data loading for client components: runs a typed query when its variables change, starts from
// server-rendered data when there is some, retries (through the client) while the API is unreachable, and can
// poll.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Operation } from './document';
import { request } from './client';
import { ApiError } from './errors';

export interface QueryOptions<TData> {
  /** Server-rendered data for the first variables; no request is made for them. */
  initialData?: TData | null;
  skip?: boolean;
  /** Refetch every this many ms (keeps showing the last data meanwhile). */
  pollMs?: number;
  /** While new variables load, keep returning the previous variables' data (`stale` is then true). */
  keepPreviousData?: boolean;
}

export interface QueryResult<TData> {
  data: TData | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** The data is for earlier variables (keepPreviousData). */
  stale: boolean;
  refetch: () => void;
}

interface State<TData> {
  key: string | null;
  data?: TData;
  error?: ApiError;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError('UNKNOWN', 'Something went wrong. Please try again.', String(error));
}

export function useQuery<TData, TVariables>(
  doc: Operation<TData, TVariables>,
  variables: TVariables,
  options: QueryOptions<TData> = {},
): QueryResult<TData> {
  const key = options.skip ? null : JSON.stringify(variables ?? {});
  const [state, setState] = useState<State<TData>>(() =>
    options.initialData != null ? { key, data: options.initialData } : { key: null },
  );
  const [version, setVersion] = useState(0);
  const skipFirst = useRef(options.initialData != null ? key : null);

  useEffect(() => {
    if (key === null) return;
    if (skipFirst.current === key && version === 0) {
      skipFirst.current = null;
      return;
    }
    const controller = new AbortController();
    request(doc, JSON.parse(key) as TVariables, { signal: controller.signal }).then(
      (data) => setState({ key, data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((prev) => ({
          key,
          data: prev.key === key ? prev.data : undefined,
          error: asApiError(error),
        }));
      },
    );
    return () => controller.abort();
  }, [doc, key, version]);

  const pollMs = options.pollMs;
  useEffect(() => {
    if (!pollMs || key === null) return;
    const timer = setInterval(() => setVersion((v) => v + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs, key]);

  const refetch = useCallback(() => setVersion((v) => v + 1), []);
  const current = state.key === key;
  const keep = !current && !!options.keepPreviousData && state.data !== undefined;
  return {
    data: current || keep ? state.data : undefined,
    stale: keep,
    error: current ? state.error : undefined,
    loading: key !== null && (!current || (state.data === undefined && state.error === undefined)),
    refetch,
  };
}
