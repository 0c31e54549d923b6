/** Activity: messages and communicators over time, per channel and category, by weekday x hour, and bursts. */
import type { QueryDefinition } from '../query-definition';
import { activityQuery } from './activity';
import { burstsQuery } from './bursts';
import { categoryActivityQuery } from './category-activity';
import { channelActivityQuery } from './channel-activity';
import { heatmapQuery } from './heatmap';

export * from './activity';
export * from './bursts';
export * from './category-activity';
export * from './channel-activity';
export * from './heatmap';

export const activityQueries: QueryDefinition[] = [activityQuery, channelActivityQuery, categoryActivityQuery, heatmapQuery, burstsQuery];
