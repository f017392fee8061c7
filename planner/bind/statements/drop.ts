/** DROP SCHEMA / DROP TABLE (the one DropStmt node); other object types are 0A000. */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';
import { executeDropSchema } from './drop_schema.js';
import { executeDropTable } from './drop_table.js';
import { executeDropView } from './create_view.js';

export async function executeDrop(stmt: PgNode, env: StatementEnv): Promise<string> {
  switch (stmt.removeType) {
    case 'OBJECT_SCHEMA': return executeDropSchema(stmt, env);
    case 'OBJECT_TABLE': return executeDropTable(stmt, env);
    case 'OBJECT_VIEW': return executeDropView(stmt, env);
    default: {
      const what = String(stmt.removeType ?? '').replace(/^OBJECT_/, '').replace(/_/g, ' ');
      throw new QueryError(SQLSTATE.feature_not_supported, `DROP ${what} is not supported`);
    }
  }
}
