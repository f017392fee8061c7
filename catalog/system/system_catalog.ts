/**
 * One statement's view of the whole catalog as pg_catalog / information_schema present it: namespaces and
 * relations (user tables and views, plus the emulated system relations themselves) with their stable OIDs,
 * columns and comments, and the session facts the system functions report. Built once per statement
 * (loadSystemCatalog) and read synchronously by the system tables and functions.
 */
import type { Catalog, Table, TableSnapshot } from '../catalog.js';
import type { Field } from '../../common/types.js';
import { SYSTEM_COLUMNS } from './columns.js';
import { splitIdentifier } from './ident.js';
import { CATALOG_RELATION_OIDS, OidAllocator, WELL_KNOWN_NAMESPACES } from './oids.js';
import { parseColumns } from './system_types.js';
import type { ViewInfo } from '../views.js';

/** What the system functions need from the session (all optional: defaults for statements run without one). */
export interface SessionInfo {
  readonly user: string;
  readonly database: string;
  readonly backendPid: number;
  /** current value of a setting; throws 42704 for unknown names */
  setting(name: string): string;
  /** every setting, for pg_settings */
  settings(): readonly (readonly [string, string])[];
  /** set_config(): set and return the new value */
  setSetting?(name: string, value: string): string;
}

export const DEFAULT_SESSION: SessionInfo = {
  user: 'pier',
  database: 'pier',
  backendPid: process.pid,
  setting: () => '',
  settings: () => [],
};

export interface NamespaceInfo {
  readonly oid: number;
  readonly name: string;
}

export interface RelationInfo {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly namespaceOid: number;
  /** r table, v view */
  readonly kind: 'r' | 'v';
  readonly fields: readonly Field[];
  /** an emulated pg_catalog / information_schema relation */
  readonly system: boolean;
  readonly comment: string | null;
  /** by column name */
  readonly columnComments: Readonly<Record<string, string>>;
  /** views: the defining SELECT as pg_get_viewdef prints it (a leading space, a closing semicolon) */
  readonly viewDefinition: string | null;
  readonly partitionColumns: readonly string[];
  /** bytes of the data files of the current version (0 for views) */
  readonly sizeBytes: number;
}

/** Extra facts a table snapshot may carry (Delta metadata description / column comments). */
interface Described {
  readonly description?: string | null;
  readonly columnComments?: Readonly<Record<string, string>>;
}


export const PROCESS_START = BigInt(Date.now()) * 1000n;

export class SystemCatalog {
  readonly namespaces: readonly NamespaceInfo[];
  readonly relations: readonly RelationInfo[];
  private readonly byOid = new Map<number, RelationInfo>();
  private readonly byName = new Map<string, RelationInfo>();
  private readonly nsByName = new Map<string, NamespaceInfo>();

  constructor(namespaces: readonly NamespaceInfo[], relations: readonly RelationInfo[], readonly searchPath: readonly string[], readonly session: SessionInfo) {
    this.namespaces = namespaces;
    this.relations = relations;
    for (const r of relations) {
      this.byOid.set(r.oid, r);
      this.byName.set(`${r.schema}.${r.name}`, r);
    }
    for (const n of namespaces) this.nsByName.set(n.name, n);
  }

  relationByOid(oid: number): RelationInfo | undefined {
    return this.byOid.get(oid);
  }

  relation(schema: string, name: string): RelationInfo | undefined {
    return this.byName.get(`${schema}.${name}`);
  }

  namespace(name: string): NamespaceInfo | undefined {
    return this.nsByName.get(name);
  }

  namespaceByOid(oid: number): NamespaceInfo | undefined {
    return this.namespaces.find((n) => n.oid === oid);
  }

  /** The effective search path: pg_catalog first unless listed, then the existing schemas of search_path. */
  effectiveSearchPath(): string[] {
    const path = this.searchPath.filter((s) => this.nsByName.has(s));
    return path.includes('pg_catalog') ? path : ['pg_catalog', ...path];
  }

  /** A relation named by regclass input text (`t`, `s.t`, `"T"`, `db.s.t`); undefined when there is none. */
  resolveRelationText(text: string): RelationInfo | undefined | null {
    const parts = splitIdentifier(text);
    if (parts === null || parts.length === 0 || parts.length > 3) return null;
    if (parts.length === 3 && parts[0] !== this.session.database) return undefined;
    const name = parts[parts.length - 1]!;
    if (parts.length > 1) return this.relation(parts[parts.length - 2]!, name);
    for (const s of this.effectiveSearchPath()) {
      const r = this.relation(s, name);
      if (r) return r;
    }
    return undefined;
  }

  /** pg_table_is_visible: the relation is the one its bare name resolves to */
  isVisible(r: RelationInfo): boolean {
    for (const s of this.effectiveSearchPath()) {
      const hit = this.relation(s, r.name);
      if (hit) return hit.oid === r.oid;
    }
    return false;
  }
}

export const SYSTEM_SCHEMAS: readonly string[] = ['pg_catalog', 'information_schema'];

/** The emulated relations, from columns.ts, with PostgreSQL's OIDs for catalog tables (views get hashed OIDs). */
function systemRelations(alloc: OidAllocator): RelationInfo[] {
  const views = Object.keys(SYSTEM_COLUMNS).filter((k) => CATALOG_RELATION_OIDS[k.slice('pg_catalog.'.length)] === undefined || !k.startsWith('pg_catalog.'));
  const viewOids = alloc.assign(views.map((k) => `r:${k}`));
  return Object.entries(SYSTEM_COLUMNS).map(([key, spec]) => {
    const [schema, name] = key.split('.') as [string, string];
    const fixed = schema === 'pg_catalog' ? CATALOG_RELATION_OIDS[name] : undefined;
    return {
      oid: fixed ?? viewOids.get(`r:${key}`)!, schema, name, namespaceOid: WELL_KNOWN_NAMESPACES[schema]!,
      kind: fixed === undefined ? 'v' : 'r', fields: parseColumns(spec), system: true, comment: null, columnComments: {},
      viewDefinition: null, partitionColumns: [], sizeBytes: 0,
    };
  });
}

/** A table's snapshot with the Delta description and column comments (as Spark stores them) when it has them. */
async function describedSnapshot(t: Table): Promise<TableSnapshot & Described> {
  const snap = await t.snapshot();
  if (t.deltaSnapshot === undefined) return snap;
  const delta = await t.deltaSnapshot(snap.version);
  const columnComments: Record<string, string> = {};
  for (const f of delta.schema.fields) {
    const c = f.metadata['comment'];
    if (typeof c === 'string') columnComments[f.name] = c;
  }
  return { ...snap, description: delta.metadata.description ?? null, columnComments };
}

/** Read every schema and table of `catalog` (one snapshot each) into a SystemCatalog. */
export async function loadSystemCatalog(catalog: Catalog, searchPath: readonly string[], session: SessionInfo): Promise<SystemCatalog> {
  const alloc = new OidAllocator(Object.values(CATALOG_RELATION_OIDS));
  const userSchemas = (await catalog.listSchemas()).filter((s) => !SYSTEM_SCHEMAS.includes(s));
  const hashedNs = alloc.assign(userSchemas.filter((s) => WELL_KNOWN_NAMESPACES[s] === undefined).map((s) => `n:${s}`));
  const namespaces: NamespaceInfo[] = [
    { oid: 11, name: 'pg_catalog' }, { oid: 99, name: 'pg_toast' }, { oid: 13207, name: 'information_schema' },
    ...userSchemas.map((s) => ({ oid: WELL_KNOWN_NAMESPACES[s] ?? hashedNs.get(`n:${s}`)!, name: s })),
  ];
  const relations = systemRelations(alloc);
  const user: { schema: string; name: string; snap: TableSnapshot | null; view: ViewInfo | null }[] = [];
  for (const schema of userSchemas) {
    const names = await catalog.listTables(schema);
    const snaps = await Promise.all(names.map(async (name) => {
      const t = await catalog.getTable({ schema, name });
      return t === null ? null : describedSnapshot(t).catch(() => null);
    }));
    names.forEach((name, i) => { if (snaps[i]) user.push({ schema, name, snap: snaps[i]!, view: null }); });
    for (const v of (await catalog.listViews?.(schema)) ?? []) user.push({ schema, name: v.name, snap: null, view: v });
  }
  const oids = alloc.assign(user.map((u) => `r:${u.schema}.${u.name}`));
  for (const u of user) {
    const d = (u.snap ?? {}) as Described;
    relations.push({
      oid: oids.get(`r:${u.schema}.${u.name}`)!, schema: u.schema, name: u.name,
      namespaceOid: namespaces.find((n) => n.name === u.schema)!.oid, kind: u.view ? 'v' : 'r',
      fields: u.snap?.fields ?? u.view!.fields, system: false, comment: d.description ?? null,
      columnComments: d.columnComments ?? {}, viewDefinition: u.view ? ` ${u.view.definition};` : null,
      partitionColumns: u.snap?.partitionColumns ?? [], sizeBytes: (u.snap?.files ?? []).reduce((s, f) => s + f.size, 0),
    });
  }
  return new SystemCatalog(namespaces, relations, searchPath, session);
}
