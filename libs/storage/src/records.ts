import type { BlobStore, ListOptions } from './blob-store';
import { StorageError } from './errors';
import { validateKey } from './keys';

/** Throws (any Error) with a message naming the path of the first problem; returns the checked value. */
export type RecordValidator<T> = (value: unknown, path: string) => T;

export interface RecordTypeDefinition<N extends string, T> {
  /** Lower-case name; records live under `records/<name>/`. */
  name: N;
  /** Current schema version (integer ≥ 1). Bump it when the shape changes, and add a migration. */
  version: number;
  /** Checks a value of the current version (on write, and on read after migrating). */
  validate: RecordValidator<T>;
  /** `migrations[v]` turns a version-v value into a version v+1 value; one for every v < version. */
  migrations?: Record<number, (old: unknown) => unknown>;
}

export interface RecordType<T, N extends string = string> {
  readonly name: N;
  readonly version: number;
  readonly validate: RecordValidator<T>;
  readonly migrations: Readonly<Record<number, (old: unknown) => unknown>>;
}

const TYPE_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const RECORD_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/;

/** Declares a versioned JSON record type (in the spirit of tldraw's record types and their migrations). */
export function defineRecordType<const N extends string, T>(
  def: RecordTypeDefinition<N, T>,
): RecordType<T, N> {
  if (!TYPE_NAME.test(def.name)) {
    throw new StorageError(
      'invalid_argument',
      `record type name ${JSON.stringify(def.name)} must match ${TYPE_NAME.source}`,
    );
  }
  if (!Number.isInteger(def.version) || def.version < 1) {
    throw new StorageError(
      'invalid_argument',
      `record type ${def.name}: version must be an integer ≥ 1, got ${def.version}`,
    );
  }
  const migrations = def.migrations ?? {};
  for (const from of Object.keys(migrations)) {
    const v = Number(from);
    if (!Number.isInteger(v) || v < 1 || v >= def.version) {
      throw new StorageError(
        'invalid_argument',
        `record type ${def.name}: migration from version ${from} does not lead to a version ≤ ${def.version}`,
      );
    }
  }
  return Object.freeze({
    name: def.name,
    version: def.version,
    validate: def.validate,
    migrations: { ...migrations },
  });
}

/** What is stored in `records/<type>/<id>.json`. */
export interface RecordEnvelope {
  schemaVersion: number;
  type: string;
  id: string;
  value: unknown;
  /** ISO 8601. */
  updatedAt: string;
}

export interface StoredRecord<T> {
  type: string;
  id: string;
  value: T;
  updatedAt: string;
  /** The version the stored document had, when it was older than the current one and got migrated. */
  migratedFrom?: number;
}

type NameOf<Types extends readonly RecordType<unknown>[]> = Types[number]['name'];
type ValueOf<Types extends readonly RecordType<unknown>[], N> =
  Extract<Types[number], { name: N }> extends RecordType<infer T, string> ? T : never;

export interface RecordStoreOptions {
  /** Clock for `updatedAt` (tests pass a fixed one). */
  now?: () => Date;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Versioned JSON records on a BlobStore. `put` validates and writes `{ schemaVersion, type, id, value,
 * updatedAt }`; `get` parses, refuses documents from a newer schema, migrates older ones forward and validates
 * the result. Reads do not rewrite migrated documents; the next `put` stores the current version.
 */
export class RecordStore<const Types extends readonly RecordType<unknown>[]> {
  private readonly types = new Map<string, RecordType<unknown>>();
  private readonly now: () => Date;

  constructor(
    readonly blobs: BlobStore,
    types: Types,
    options: RecordStoreOptions = {},
  ) {
    for (const t of types) {
      if (this.types.has(t.name))
        throw new StorageError('invalid_argument', `record type ${t.name} registered twice`);
      this.types.set(t.name, t);
    }
    this.now = options.now ?? (() => new Date());
  }

  private typeOf(name: string): RecordType<unknown> {
    const t = this.types.get(name);
    if (!t) {
      throw new StorageError(
        'invalid_argument',
        `unknown record type ${JSON.stringify(name)} (registered: ${[...this.types.keys()].join(', ')})`,
      );
    }
    return t;
  }

  /** `records/<type>/<id>.json`; ids are `[A-Za-z0-9_.-]`, up to 200 characters, not starting with `.`. */
  keyOf(type: NameOf<Types>, id: string): string {
    this.typeOf(type);
    if (typeof id !== 'string' || !RECORD_ID.test(id)) {
      throw new StorageError(
        'invalid_key',
        `invalid ${type} record id ${JSON.stringify(id)}: must match ${RECORD_ID.source}`,
      );
    }
    return validateKey(`records/${type}/${id}.json`);
  }

  async put<N extends NameOf<Types>>(
    type: N,
    id: string,
    value: ValueOf<Types, N>,
  ): Promise<StoredRecord<ValueOf<Types, N>>> {
    const t = this.typeOf(type);
    const key = this.keyOf(type, id);
    let checked: unknown;
    try {
      checked = t.validate(value, `${type}(${id})`);
    } catch (e) {
      throw new StorageError('invalid_argument', `refusing to write ${key}: ${message(e)}`, { cause: e });
    }
    const envelope: RecordEnvelope = {
      schemaVersion: t.version,
      type,
      id,
      value: checked,
      updatedAt: this.now().toISOString(),
    };
    await this.blobs.put(key, new TextEncoder().encode(JSON.stringify(envelope)), {
      contentType: 'application/json',
    });
    return { type, id, value: checked as ValueOf<Types, N>, updatedAt: envelope.updatedAt };
  }

  async get<N extends NameOf<Types>>(
    type: N,
    id: string,
  ): Promise<StoredRecord<ValueOf<Types, N>> | undefined> {
    const t = this.typeOf(type);
    const key = this.keyOf(type, id);
    const bytes = await this.blobs.get(key);
    if (bytes === undefined) return undefined;
    return this.decode(t, key, type, id, bytes) as StoredRecord<ValueOf<Types, N>>;
  }

  private decode(
    t: RecordType<unknown>,
    key: string,
    type: string,
    id: string,
    bytes: Uint8Array,
  ): StoredRecord<unknown> {
    const corrupt = (why: string, cause?: unknown): never => {
      throw new StorageError('corrupt', `record ${key} is corrupt: ${why}`, { cause });
    };
    let doc: unknown;
    try {
      doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (e) {
      return corrupt(`not valid JSON (${message(e)})`, e);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return corrupt('not a JSON object');
    const env = doc as Partial<RecordEnvelope>;
    if (!Number.isInteger(env.schemaVersion) || (env.schemaVersion as number) < 1) {
      return corrupt(`schemaVersion ${JSON.stringify(env.schemaVersion)} is not an integer ≥ 1`);
    }
    if (env.type !== type)
      return corrupt(`type is ${JSON.stringify(env.type)}, expected ${JSON.stringify(type)}`);
    if (env.id !== id) return corrupt(`id is ${JSON.stringify(env.id)}, expected ${JSON.stringify(id)}`);
    if (typeof env.updatedAt !== 'string') return corrupt('updatedAt is missing');
    if (!('value' in env)) return corrupt('value is missing');
    const stored = env.schemaVersion as number;
    if (stored > t.version) {
      throw new StorageError(
        'incompatible_version',
        `record ${key} has schemaVersion ${stored}, newer than the ${t.version} this build understands ` +
          `(written by a newer release?); refusing to read it`,
      );
    }
    let value = env.value;
    for (let v = stored; v < t.version; v++) {
      const migrate = t.migrations[v];
      if (!migrate) {
        throw new StorageError(
          'incompatible_version',
          `record ${key} has schemaVersion ${stored} but type ${type} has no migration from version ${v} to ${v + 1}`,
        );
      }
      try {
        value = migrate(value);
      } catch (e) {
        return corrupt(`migration of ${type} from version ${v} to ${v + 1} failed: ${message(e)}`, e);
      }
    }
    try {
      value = t.validate(value, `${type}(${id})`);
    } catch (e) {
      return corrupt(
        `${stored < t.version ? `after migrating from version ${stored}, ` : ''}validation failed: ${message(e)}`,
        e,
      );
    }
    const out: StoredRecord<unknown> = { type, id, value, updatedAt: env.updatedAt };
    if (stored < t.version) out.migratedFrom = stored;
    return out;
  }

  async delete(type: NameOf<Types>, id: string): Promise<void> {
    await this.blobs.delete(this.keyOf(type, id));
  }

  /** Record ids in lexicographic order, one page at a time (`cursor` is the last id of the previous page). */
  async listIds(
    type: NameOf<Types>,
    options: ListOptions = {},
  ): Promise<{ ids: string[]; nextCursor?: string }> {
    this.typeOf(type);
    const prefix = `records/${type}/`;
    const page = await this.blobs.list(prefix, {
      limit: options.limit,
      cursor: options.cursor === undefined ? undefined : this.keyOf(type, options.cursor),
    });
    const idOf = (key: string): string => key.slice(prefix.length, -'.json'.length);
    const ids = page.keys
      .filter((k) => k.endsWith('.json') && !k.slice(prefix.length).includes('/'))
      .map(idOf);
    return page.nextCursor === undefined ? { ids } : { ids, nextCursor: idOf(page.nextCursor) };
  }

  /** Records in id order, one page at a time; a corrupt record fails the page (no silent skipping). */
  async list<N extends NameOf<Types>>(
    type: N,
    options: ListOptions = {},
  ): Promise<{ records: StoredRecord<ValueOf<Types, N>>[]; nextCursor?: string }> {
    const { ids, nextCursor } = await this.listIds(type, options);
    const found = await Promise.all(ids.map((id) => this.get(type, id)));
    const records = found.filter((r): r is StoredRecord<ValueOf<Types, N>> => r !== undefined);
    return nextCursor === undefined ? { records } : { records, nextCursor };
  }
}
