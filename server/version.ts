/** Pier's own version, and the PostgreSQL version it presents to clients. */
export const PIER_VERSION = '0.1.0';
export const PG_SERVER_VERSION = '15.0';
