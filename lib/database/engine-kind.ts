/** The database engines guildaudit runs on. */
export type EngineKind = 'sqlite' | 'postgres';
