// The one error the extractor raises: the input it could not use and why, printed as one line.

export class ExtractError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ExtractError';
  }
}
