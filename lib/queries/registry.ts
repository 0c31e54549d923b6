import { concentrationQuery } from './concentration';
import { overviewQuery } from './overview';
import type { QueryDefinition } from './query-definition';

/**
 * Every named audit query, in the order `guildaudit query --list` shows them. The CLI, notebooks
 * and dashboards all reach queries by these names.
 */
export const QUERIES: readonly QueryDefinition[] = [overviewQuery, concentrationQuery];

/** The query named `name`, or undefined. */
export function findQuery(name: string): QueryDefinition | undefined {
  return QUERIES.find((q) => q.name === name);
}
