/**
 * Catalog queries BI tools send when they connect and browse, written for Pier's tests after the shape of the
 * tools' public sources (not copied): Metabase's PostgreSQL driver (`src/metabase/driver/postgres.clj`:
 * describe-database, describe-fields, describe-fks, describe-indexes, current-user-table-privileges, enum types)
 * and DBeaver's PostgreSQL plugin (`plugins/org.jkiss.dbeaver.ext.postgresql/.../model/PostgreSchema.java`,
 * `PostgreDatabase.java`, `PostgreDataSource.java`: databases, schemas, types, tables, columns, constraints,
 * indexes, procedures). Parameters are OIDs (DBeaver binds them with setLong): the schema's, a table's, a view's.
 */
export interface CatalogQuery {
  readonly tool: 'Metabase' | 'DBeaver';
  readonly what: string;
  readonly sql: string;
  /** which parameters the query takes: the schema's OID, then a table's OID */
  readonly params?: readonly ('schemaOid' | 'tableOid' | 'viewOid')[];
}

export const BI_CATALOG_QUERIES: readonly CatalogQuery[] = [
  // ---- Metabase (driver/postgres.clj) ----
  {
    tool: 'Metabase', what: 'enum types (describe-fields pre-processing)',
    sql: `SELECT nspname, typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE t.oid IN (SELECT DISTINCT enumtypid FROM pg_enum e)`,
  },
  {
    tool: 'Metabase', what: 'describe-database: tables with descriptions and row estimates',
    sql: `SELECT n.nspname AS "schema", c.relname AS "name",
            CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW'
              WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS "type",
            d.description AS "description", stat.n_live_tup AS "estimated_row_count"
          FROM pg_catalog.pg_class AS c
          INNER JOIN pg_catalog.pg_namespace AS n ON c.relnamespace = n.oid
          LEFT JOIN pg_catalog.pg_description AS d ON (c.oid = d.objoid) AND (d.objsubid = 0) AND (d.classoid = 'pg_class'::regclass)
          LEFT JOIN pg_stat_user_tables AS stat ON (n.nspname = stat.schemaname) AND (c.relname = stat.relname)
          WHERE (c.relnamespace = n.oid) AND (n.nspname !~ '^pg_') AND (n.nspname <> 'information_schema')
            AND c.relkind in ('r', 'p', 'v', 'f', 'm') AND (n.nspname IN ('bi'))
          ORDER BY "type" ASC, "schema" ASC, "name" ASC`,
  },
  {
    tool: 'Metabase', what: 'table privileges of the current user',
    sql: `WITH table_privileges AS (
            SELECT NULL AS role, t.schemaname AS schema, t.objectname AS table,
              pg_catalog.has_any_column_privilege(current_user, '"' || replace(t.schemaname, '"', '""') || '"."' || replace(t.objectname, '"', '""') || '"', 'update') AS update,
              pg_catalog.has_any_column_privilege(current_user, '"' || replace(t.schemaname, '"', '""') || '"."' || replace(t.objectname, '"', '""') || '"', 'select') AS select,
              pg_catalog.has_any_column_privilege(current_user, '"' || replace(t.schemaname, '"', '""') || '"."' || replace(t.objectname, '"', '""') || '"', 'insert') AS insert,
              pg_catalog.has_table_privilege(current_user, '"' || replace(t.schemaname, '"', '""') || '"."' || replace(t.objectname, '"', '""') || '"', 'delete') AS delete
            FROM (SELECT schemaname, tablename AS objectname FROM pg_catalog.pg_tables
                  UNION SELECT schemaname, viewname AS objectname FROM pg_catalog.pg_views
                  UNION SELECT schemaname, matviewname AS objectname FROM pg_catalog.pg_matviews) t
            WHERE t.schemaname !~ '^pg_' AND t.schemaname <> 'information_schema'
              AND pg_catalog.has_schema_privilege(current_user, t.schemaname, 'usage'))
          SELECT t.* FROM table_privileges t`,
  },
  {
    tool: 'Metabase', what: 'describe-fields: columns, primary keys, comments (information_schema), then materialized views',
    sql: `SELECT c.column_name AS "name",
            CASE WHEN c.udt_schema IN ('public', 'pg_catalog') THEN format('%s', c.udt_name) ELSE format('"%s"."%s"', c.udt_schema, c.udt_name) END AS "database-type",
            c.ordinal_position - 1 AS "database-position", c.table_schema AS "table-schema", c.table_name AS "table-name",
            pk.column_name IS NOT NULL AS "pk?",
            col_description(CAST(CAST(format('%I.%I', CAST(c.table_schema AS TEXT), CAST(c.table_name AS TEXT)) AS REGCLASS) AS OID), c.ordinal_position) AS "field-comment",
            ((column_default IS NULL) OR (LOWER(column_default) = 'null')) AND (is_nullable = 'NO')
              AND NOT (((column_default IS NOT NULL) AND (column_default LIKE '%nextval(%')) OR (is_identity <> 'NO')) AS "database-required",
            ((column_default IS NOT NULL) AND (column_default LIKE '%nextval(%')) OR (is_identity <> 'NO') AS "database-is-auto-increment"
          FROM information_schema.columns AS c
          LEFT JOIN (SELECT tc.table_schema, tc.table_name, kc.column_name FROM information_schema.table_constraints AS tc
                     INNER JOIN information_schema.key_column_usage AS kc ON (tc.constraint_name = kc.constraint_name)
                       AND (tc.table_schema = kc.table_schema) AND (tc.table_name = kc.table_name)
                     WHERE tc.constraint_type = 'PRIMARY KEY') AS pk
            ON (c.table_schema = pk.table_schema) AND (c.table_name = pk.table_name) AND (c.column_name = pk.column_name)
          WHERE c.table_schema !~ '^information_schema|catalog_history|pg_' AND (c.table_schema IN ('bi'))
          UNION ALL
          SELECT pa.attname AS "name",
            CASE WHEN ptn.nspname IN ('public', 'pg_catalog') THEN format('%s', pt.typname) ELSE format('"%s"."%s"', ptn.nspname, pt.typname) END AS "database-type",
            pa.attnum - 1 AS "database-position", pn.nspname AS "table-schema", pc.relname AS "table-name",
            FALSE AS "pk?", NULL AS "field-comment", FALSE AS "database-required", FALSE AS "database-is-auto-increment"
          FROM pg_catalog.pg_class AS pc
          INNER JOIN pg_catalog.pg_namespace AS pn ON pn.oid = pc.relnamespace
          INNER JOIN pg_catalog.pg_attribute AS pa ON pa.attrelid = pc.oid
          INNER JOIN pg_catalog.pg_type AS pt ON pt.oid = pa.atttypid
          INNER JOIN pg_catalog.pg_namespace AS ptn ON ptn.oid = pt.typnamespace
          WHERE (pc.relkind = 'm') AND (pa.attnum >= 1) AND (pn.nspname IN ('bi'))
          ORDER BY "table-schema" ASC, "table-name" ASC, "database-position" ASC`,
  },
  {
    tool: 'Metabase', what: 'describe-fks: foreign keys from pg_constraint',
    sql: `SELECT fk_ns.nspname AS "fk-table-schema", fk_table.relname AS "fk-table-name", fk_column.attname AS "fk-column-name",
            pk_ns.nspname AS "pk-table-schema", pk_table.relname AS "pk-table-name", pk_column.attname AS "pk-column-name"
          FROM pg_constraint AS c
          INNER JOIN pg_class AS fk_table ON c.conrelid = fk_table.oid
          INNER JOIN pg_namespace AS fk_ns ON c.connamespace = fk_ns.oid
          INNER JOIN pg_attribute AS fk_column ON c.conrelid = fk_column.attrelid
          INNER JOIN pg_class AS pk_table ON c.confrelid = pk_table.oid
          INNER JOIN pg_namespace AS pk_ns ON pk_table.relnamespace = pk_ns.oid
          INNER JOIN pg_attribute AS pk_column ON c.confrelid = pk_column.attrelid
          WHERE fk_ns.nspname !~ '^information_schema|catalog_history|pg_' AND (c.contype = 'f'::char)
            AND (fk_column.attnum = ANY(c.conkey)) AND (pk_column.attnum = ANY(c.confkey)) AND (fk_ns.nspname IN ('bi'))
          ORDER BY "fk-table-schema" ASC, "fk-table-name" ASC`,
  },
  {
    tool: 'Metabase', what: 'describe-indexes: first column of each unfiltered index',
    sql: `SELECT tmp."table-schema", tmp."table-name", TRIM(BOTH '"' FROM pg_catalog.pg_get_indexdef(tmp.ci_oid, tmp.pos, FALSE)) AS "field-name"
          FROM (SELECT n.nspname AS "table-schema", ct.relname AS "table-name", ci.oid AS ci_oid,
                  (information_schema._pg_expandarray(i.indkey)).n AS pos
                FROM pg_catalog.pg_class AS ct
                INNER JOIN pg_catalog.pg_namespace AS n ON ct.relnamespace = n.oid
                INNER JOIN pg_catalog.pg_index AS i ON ct.oid = i.indrelid
                INNER JOIN pg_catalog.pg_class AS ci ON ci.oid = i.indexrelid
                WHERE (pg_catalog.pg_get_expr(i.indpred, i.indrelid) IS NULL)
                  AND n.nspname !~ '^information_schema|catalog_history|pg_' AND (n.nspname IN ('bi'))) AS tmp
          WHERE tmp.pos = 1`,
  },
  // ---- DBeaver (PostgreSQL plugin) ----
  { tool: 'DBeaver', what: 'connect: current schema and user', sql: 'SELECT current_schema(),session_user' },
  { tool: 'DBeaver', what: 'connect: search path', sql: 'SHOW search_path' },
  { tool: 'DBeaver', what: 'connect: one setting', sql: "select * from pg_catalog.pg_settings where name='standard_conforming_strings'" },
  { tool: 'DBeaver', what: 'connect: server version', sql: 'SELECT version()' },
  {
    tool: 'DBeaver', what: 'databases',
    sql: 'SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datallowconn AND NOT datistemplate ORDER BY db.datname',
  },
  {
    tool: 'DBeaver', what: 'schemas with comments',
    sql: `SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n
          LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass
          ORDER BY nspname`,
  },
  { tool: 'DBeaver', what: 'roles', sql: 'SELECT a.oid,a.* FROM pg_catalog.pg_roles a ORDER BY a.rolname' },
  {
    tool: 'DBeaver', what: 'data types',
    sql: `SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod) as base_type_name, d.description
          FROM pg_catalog.pg_type t
          LEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem
          LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid
          LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid
          WHERE t.typname IS NOT NULL AND (c.relkind IS NULL OR c.relkind = 'c') AND (et.typcategory IS NULL OR et.typcategory <> 'C')`,
  },
  {
    tool: 'DBeaver', what: 'tables and views of a schema, with parents and partition info',
    params: ['schemaOid'],
    sql: `SELECT c.oid,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,
            pg_catalog.pg_get_partkeydef(c.oid) as partition_key
          FROM pg_catalog.pg_class c
          LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass
          WHERE c.relnamespace=$1 AND c.relkind not in ('i','I','c')`,
  },
  {
    tool: 'DBeaver', what: 'columns of a schema\'s tables, with defaults and comments',
    params: ['schemaOid'],
    sql: `SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description
          FROM pg_catalog.pg_attribute a
          INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)
          LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)
          LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)
          WHERE NOT a.attisdropped AND c.relkind not in ('i','c') AND c.relnamespace=$1 ORDER BY a.attnum`,
  },
  {
    tool: 'DBeaver', what: 'constraints of a table',
    params: ['tableOid'],
    sql: `SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace,d.description
          FROM pg_catalog.pg_constraint c
          INNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid
          LEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid
          LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_constraint'::regclass
          WHERE c.conrelid=$1 ORDER BY c.oid`,
  },
  {
    tool: 'DBeaver', what: 'indexes of a table',
    params: ['tableOid'],
    sql: `SELECT i.*,i.indkey as keys,c.relname,c.relnamespace,c.relam,c.reltablespace,tc.relname as tabrelname,dsc.description,
            pg_catalog.pg_get_expr(i.indpred, i.indrelid) as pred_expr,pg_catalog.pg_get_expr(i.indexprs, i.indrelid, true) as expr,
            pg_catalog.pg_relation_size(i.indexrelid) as index_rel_size,pg_catalog.pg_stat_get_numscans(i.indexrelid) as index_num_scans
          FROM pg_catalog.pg_index i
          INNER JOIN pg_catalog.pg_class c ON c.oid=i.indexrelid
          INNER JOIN pg_catalog.pg_class tc ON tc.oid=i.indrelid
          LEFT OUTER JOIN pg_catalog.pg_description dsc ON i.indexrelid=dsc.objoid
          WHERE i.indrelid=$1 ORDER BY tabrelname, c.relname`,
  },
  {
    tool: 'DBeaver', what: 'table sizes',
    params: ['schemaOid'],
    sql: `select c.oid,pg_catalog.pg_total_relation_size(c.oid) as total_rel_size,pg_catalog.pg_relation_size(c.oid) as rel_size
          FROM pg_class c WHERE c.relnamespace=$1`,
  },
  {
    tool: 'DBeaver', what: 'functions of a schema',
    params: ['schemaOid'],
    sql: `SELECT p.oid,p.*,d.description FROM pg_catalog.pg_proc p
          LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=p.oid
          WHERE p.pronamespace=$1 ORDER BY p.proname`,
  },
  {
    tool: 'DBeaver', what: 'view definition',
    params: ['viewOid'],
    sql: 'SELECT pg_catalog.pg_get_viewdef($1::oid, true)',
  },
];
