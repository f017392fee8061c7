/** pg_catalog.pg_description: table comments (objsubid 0) and column comments (objsubid = attnum), from COMMENT ON. */
import { CATALOG_RELATION_OIDS } from './oids.js';
import type { SystemCatalog } from './system_catalog.js';
import type { SystemRow, SystemTableDef } from './table_def.js';

export function descriptionRows(sys: SystemCatalog): SystemRow[] {
  const out: SystemRow[] = [];
  const classoid = CATALOG_RELATION_OIDS['pg_class']!;
  for (const r of sys.relations) {
    if (r.comment !== null) out.push({ objoid: r.oid, classoid, objsubid: 0, description: r.comment });
    r.fields.forEach((f, i) => {
      const c = r.columnComments[f.name];
      if (c !== undefined) out.push({ objoid: r.oid, classoid, objsubid: i + 1, description: c });
    });
  }
  return out;
}

export const PG_DESCRIPTION: SystemTableDef = { schema: 'pg_catalog', name: 'pg_description', rows: descriptionRows };
