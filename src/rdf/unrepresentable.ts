// The one error a writer throws when its format cannot carry the data given (a predicate RDF/XML cannot name, a
// character XML 1.0 forbids): the data is fine, the format is not, so the client may ask for another.
export class UnrepresentableError extends Error {
  override readonly name: string = 'UnrepresentableError';
}
