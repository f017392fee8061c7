-- Protocol and session details, COPY and \copy: printed by psql exactly as PostgreSQL 15 prints them.
CREATE TABLE cp (id int NOT NULL, name text, price numeric(10,2), day date);
COPY cp FROM STDIN;
1	plain	1.50	2024-01-01
2	tab\there	\N	2024-01-02
3	back\\slash\nnewline	3	\N
\.
COPY cp (id, name) FROM STDIN WITH (FORMAT csv, HEADER true);
id,name
4,"comma, ""quoted"""
5,
6,""
\.
COPY cp FROM STDIN;
7	ok	1	2024-01-01
x	bad	1	2024-01-01
\.
COPY cp FROM STDIN;
8	short
\.
COPY cp FROM STDIN;
9	long	1	2024-01-01	extra
\.
COPY cp (name) FROM STDIN;
no id
\.
COPY cp (nope) FROM STDIN;
COPY cp FROM STDIN WITH (FORMAT xml);
COPY cp FROM STDIN WITH (FORMAT csv, DELIMITER '||');
COPY cp FROM STDIN WITH (QUOTE '"');
COPY cp (id, name) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (name));
10,
\.
COPY cp (id, name) FROM STDIN WITH (FORMAT csv, FORCE_NULL (name), DELIMITER ';');
11;""
12;"x;y"
\.
SELECT id, name IS NULL AS null_name, name FROM cp WHERE id >= 10 ORDER BY id;
DELETE FROM cp WHERE id >= 10;
COPY cp (id) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (name));
CREATE VIEW cpv AS SELECT id FROM cp;
COPY cpv TO STDOUT;
DROP VIEW cpv;
SELECT id, name, price, day FROM cp ORDER BY id;
COPY cp TO STDOUT;
COPY cp (id, name) TO STDOUT WITH (FORMAT csv, HEADER);
COPY (SELECT id, name FROM cp WHERE id > 3 ORDER BY id) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *, NULL 'NULL');
COPY (SELECT id, price FROM cp ORDER BY id) TO STDOUT WITH (DELIMITER '|', NULL '-');
\copy cp TO '{{DIR}}/out.tsv'
\copy cp (id, name) TO '{{DIR}}/out.csv' WITH (FORMAT csv)
CREATE TABLE cp2 (id int NOT NULL, name text, price numeric(10,2), day date);
\copy cp2 FROM '{{DIR}}/out.tsv'
SELECT count(*), sum(id), count(name), count(price) FROM cp2;
\copy (SELECT * FROM cp2 WHERE id < 3 ORDER BY id) TO STDOUT WITH (FORMAT csv)
-- transactions, savepoints and cursors
COMMIT;
ROLLBACK;
SAVEPOINT nope;
BEGIN;
SAVEPOINT a;
SELECT 1/0;
SELECT 1;
ROLLBACK TO SAVEPOINT a;
SELECT 2 AS after_rollback_to;
RELEASE SAVEPOINT a;
RELEASE a;
ROLLBACK;
DECLARE c0 CURSOR FOR SELECT 1;
BEGIN;
DECLARE c1 NO SCROLL CURSOR FOR SELECT id, name FROM cp ORDER BY id;
FETCH 2 FROM c1;
FETCH NEXT IN c1;
MOVE FORWARD 2 IN c1;
FETCH FORWARD 1 FROM c1;
FETCH ALL FROM c1;
FETCH c1;
CLOSE c1;
DECLARE c2 CURSOR WITH HOLD FOR SELECT id FROM cp WHERE id < 3 ORDER BY id;
COMMIT;
FETCH c1;
FETCH ALL c2;
CLOSE ALL;
CLOSE c2;
BEGIN;
DECLARE c3 BINARY CURSOR FOR SELECT 1;
DECLARE c3 CURSOR FOR SELECT 1;
ROLLBACK;
-- SCROLL cursors move both ways; others only forward
CREATE TABLE sc5 (id int);
INSERT INTO sc5 SELECT * FROM generate_series(1, 6);
BEGIN;
DECLARE s SCROLL CURSOR FOR SELECT id FROM sc5 ORDER BY id;
FETCH 2 FROM s;
FETCH BACKWARD 1 FROM s;
FETCH PRIOR FROM s;
FETCH PRIOR FROM s;
FETCH ABSOLUTE 3 FROM s;
FETCH RELATIVE 0 FROM s;
FETCH RELATIVE 2 FROM s;
FETCH RELATIVE -4 FROM s;
FETCH LAST FROM s;
FETCH NEXT FROM s;
FETCH NEXT FROM s;
FETCH BACKWARD 2 FROM s;
FETCH ABSOLUTE -2 FROM s;
FETCH ABSOLUTE 10 FROM s;
FETCH BACKWARD ALL FROM s;
FETCH FIRST FROM s;
MOVE FORWARD ALL IN s;
MOVE BACKWARD 3 IN s;
FETCH FORWARD 0 FROM s;
FETCH ALL FROM s;
MOVE ABSOLUTE 0 IN s;
FETCH ABSOLUTE -10 FROM s;
FETCH NEXT FROM s;
CLOSE s;
DECLARE f NO SCROLL CURSOR FOR SELECT id FROM sc5 ORDER BY id;
FETCH ABSOLUTE 2 FROM f;
FETCH RELATIVE 2 FROM f;
MOVE FORWARD 1 IN f;
FETCH ABSOLUTE 6 FROM f;
FETCH NEXT FROM f;
FETCH ABSOLUTE 9 FROM f;
FETCH BACKWARD 1 FROM f;
ROLLBACK;
DROP TABLE sc5;
-- session commands
SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED;
SET search_path TO public;
SET search_path = "$user", public;
SHOW search_path;
SET extra_float_digits = 3;
RESET ALL;
SHOW extra_float_digits;
SET LOCAL extra_float_digits = 2;
SHOW extra_float_digits;
BEGIN;
SET LOCAL extra_float_digits = 2;
SET TimeZone = 'Europe/Paris';
SHOW extra_float_digits;
COMMIT;
SHOW extra_float_digits;
SHOW TimeZone;
BEGIN;
SET TimeZone = 'UTC';
SET LOCAL DateStyle = 'SQL, DMY';
SHOW DateStyle;
ROLLBACK;
SHOW TimeZone;
SHOW DateStyle;
RESET ALL;
DISCARD ALL;
LISTEN chan;
UNLISTEN *;
BEGIN;
DISCARD ALL;
ROLLBACK;
/* a comment first */ SELECT $tag$it's $$ dollar$tag$ AS s;
;
-- ping
DROP TABLE IF EXISTS no_such_table;
DROP TABLE cp2;
