/** Schema and table names as folder names under the warehouse root. */
import { QueryError } from '../common/errors.js';

/** Names that cannot be a folder name are refused (42602 invalid_name). */
export function checkObjectName(name: string, what: 'schema' | 'table'): void {
  if (name.length === 0 || name === '.' || name === '..' || name.includes('/') || name.includes('\\') || name.includes('\0') || name === '_delta_log') {
    throw new QueryError('42602', `invalid ${what} name "${name}"`);
  }
}

export const SCHEMA_MARKER = '.pier_schema';

export function schemaMarkerKey(schema: string): string {
  return `${schema}/${SCHEMA_MARKER}`;
}

export function tablePath(schema: string, table: string): string {
  return `${schema}/${table}`;
}
