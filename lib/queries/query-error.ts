/** A query called with parameters it cannot answer for: unknown guild, inverted range, bad zone... */
export class QueryParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryParamError';
  }
}
