CREATE SCHEMA shop;
CREATE TABLE shop.items (id bigint NOT NULL, name varchar(40), price numeric(10,2), added timestamp, note text);
COMMENT ON TABLE shop.items IS 'things we sell';
COMMENT ON COLUMN shop.items.price IS 'in EUR';
\d shop.items
CREATE VIEW shop.cheap AS SELECT id, name FROM shop.items WHERE price < 10;
\dv
\d shop.cheap
\di
\dT
\df
\dt nosuch
\d nosuch
SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'shop';
SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), col_description(a.attrelid, a.attnum) FROM pg_attribute a WHERE a.attrelid = 'shop.items'::regclass AND a.attnum > 0 ORDER BY a.attnum;
