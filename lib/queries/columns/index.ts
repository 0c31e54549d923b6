export * from './guild-columns';
export { forgetGuildColumns, guildColumns } from './guild-columns-cache';
export { channelMask, excludedUserMask, periodSlice, scopedIndexes, scopeKey, staffUsers, type ScopeOptions } from './scoped-indexes';
export { joinSnowflake } from './snowflake-halves';
export { dropStoredColumns } from './stored-guild-columns';
