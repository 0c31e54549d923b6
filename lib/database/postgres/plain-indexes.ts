import { sql } from 'kysely';
import type { IndexDefinition, PlainIndexLister } from '../deferred-indexes';

/**
 * PostgreSQL's plain indexes of some tables in the current schema: neither unique nor a primary
 * key (nor backing a constraint), with the statement that makes each.
 */
export const listPostgresPlainIndexes: PlainIndexLister = async (db, tables) => {
  const { rows } = await sql<IndexDefinition>`
    SELECT c.relname AS name, pg_get_indexdef(c.oid) AS sql
    FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (${sql.join(tables)})
      AND NOT x.indisunique AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
    ORDER BY c.relname`.execute(db);
  return rows;
};
