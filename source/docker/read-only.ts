/** Raised by the docker layer when a mutating call is made in read-only mode. */
export class ReadOnlyError extends Error {
  constructor(what: string) {
    super(`read-only mode: ${what} refused`);
    this.name = 'ReadOnlyError';
  }
}
