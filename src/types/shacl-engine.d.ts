// The part of shacl-engine (no types of its own) that src/convert/shacl.ts uses; results are read through its own
// narrower interface there.
declare module 'shacl-engine' {
  import type { DatasetCore, DataFactory, Quad } from '@rdfjs/types';
  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory & { dataset: (quads?: Iterable<Quad>) => DatasetCore } });
    validate(data: { dataset: DatasetCore }): Promise<{ readonly conforms: boolean; readonly results: readonly unknown[] }>;
  }
}
