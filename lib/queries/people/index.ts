/** People: everything one person wrote, and a dossier of them, across every guild. */
import type { QueryDefinition } from '../query-definition';
import { messagesByUserQuery } from './messages-by-user';
import { personQuery } from './person';

export * from './messages-by-user';
export * from './person';
export * from './person-messages';
export * from './person-partners';
export * from './resolve-user';

export const peopleQueries: QueryDefinition[] = [messagesByUserQuery, personQuery];
