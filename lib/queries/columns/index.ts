export * from './guild-columns';
export { guildColumns } from './guild-columns-cache';
export { channelMask, periodSlice, scopedIndexes, staffUsers, type ScopeOptions } from './scoped-indexes';
export { joinSnowflake } from './snowflake-halves';
