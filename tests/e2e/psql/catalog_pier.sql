CREATE SCHEMA shop2;
CREATE TABLE shop2.items (id bigint NOT NULL, name varchar(40), price numeric(10,2));
COMMENT ON TABLE shop2.items IS 'things we sell';
COMMENT ON COLUMN shop2.items.price IS 'in EUR';
\l
\dn shop2
\dt shop2.*
\du
\d+ shop2.items
\dt+ shop2.*
CREATE VIEW shop2.named AS SELECT id, name FROM shop2.items;
\dv shop2.*
\d+ shop2.named
