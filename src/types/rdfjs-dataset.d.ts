// Type declaration for @rdfjs/dataset, which ships none.
declare module '@rdfjs/dataset' {
  import type { DatasetCore, Quad } from '@rdfjs/types';
  const factory: { dataset(quads?: Iterable<Quad>): DatasetCore };
  export default factory;
}
