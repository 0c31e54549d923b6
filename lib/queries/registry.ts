import { acrossGuildsQueries } from './across-guilds';
import { activityQueries } from './activity';
import { growthQueries } from './growth';
import { lifecycleQueries } from './lifecycle';
import { networkQueries } from './network';
import { peopleQueries } from './people';
import type { QueryDefinition } from './query-definition';
import { responsivenessQueries } from './responsiveness';
import { summaryQueries } from './summary';

/**
 * Every named audit query, in the order `guildaudit query --list` shows them. The CLI, notebooks
 * and dashboards all reach queries by these names. Each family folder exports its list.
 */
export const QUERIES: readonly QueryDefinition[] = [
  ...summaryQueries,
  ...activityQueries,
  ...growthQueries,
  ...responsivenessQueries,
  ...lifecycleQueries,
  ...networkQueries,
  ...peopleQueries,
  ...acrossGuildsQueries,
];

/** The query named `name`, or undefined. */
export function findQuery(name: string): QueryDefinition | undefined {
  return QUERIES.find((q) => q.name === name);
}
