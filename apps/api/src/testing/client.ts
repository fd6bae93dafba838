/** A minimal GraphQL-over-HTTP client for tests and the load run. */
export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; requestId?: string; [k: string]: unknown };
  }[];
}

export class GqlClient {
  constructor(
    readonly url: string,
    private readonly key?: string,
  ) {}

  /** Same server, another key (`null` = no key). */
  withKey(key: string | null): GqlClient {
    return new GqlClient(this.url, key ?? undefined);
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GqlResponse<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.key ? { authorization: `Bearer ${this.key}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
    });
    const text = await res.text();
    let body: { data?: T | null; errors?: GqlResponse['errors'] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 200)}`);
    }
    return {
      status: res.status,
      headers: res.headers,
      data: body.data,
      ...(body.errors ? { errors: body.errors } : {}),
    };
  }

  /** Runs an operation that must succeed and returns its data (throws with the errors otherwise). */
  async ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const r = await this.gql<T>(query, variables);
    if (r.errors?.length || !r.data)
      throw new Error(`GraphQL errors (${r.status}): ${JSON.stringify(r.errors)}`);
    return r.data;
  }
}

/** The code of the first error of a response. */
export const codeOf = (r: GqlResponse<unknown>): string | undefined => r.errors?.[0]?.extensions?.code;
