import { sql } from 'kysely';
import type { IndexDefinition, PlainIndexLister } from '../deferred-indexes';

/** SQLite's plain indexes of some tables: `origin = 'c'` (made by CREATE INDEX) and not unique. */
export const listSqlitePlainIndexes: PlainIndexLister = async (db, tables) => {
  const { rows } = await sql<IndexDefinition>`
    SELECT s.name, s.sql FROM sqlite_schema s
    JOIN pragma_index_list(s.tbl_name) i ON i.name = s.name
    WHERE s.type = 'index' AND s.tbl_name IN (${sql.join(tables)}) AND i.origin = 'c' AND i."unique" = 0
    ORDER BY s.name`.execute(db);
  return rows;
};
