// The Virtuoso slots (blue, green, …): one instance each, with its ports, its directory and the folder it loads from.
import { join } from 'node:path';
import type { VirtuosoConfig } from '../../config.ts';
import { Endpoint } from './endpoint.ts';
import type { SqlTarget } from './isql.ts';

export interface Slot {
  readonly name: string;
  readonly httpPort: number;
  readonly endpoint: Endpoint;
  readonly sql: SqlTarget;
  /** The instance's own directory: database, virtuoso.ini, PID file, log. */
  readonly dir: string;
  /** Where the loader puts the N-Quads it loads (listed in the instance's DirsAllowed). */
  readonly loadDir: string;
}

const NAMES = ['blue', 'green'];

export const slotsOf = (c: VirtuosoConfig): Slot[] =>
  c.httpPorts.map((httpPort, i) => {
    const name = NAMES[i] ?? `slot${i}`;
    const dir = join(c.dataDir, name);
    return {
      name,
      httpPort,
      endpoint: new Endpoint(`http://${c.host}:${httpPort}/sparql`),
      sql: { host: c.host, sqlPort: c.sqlPorts[i]!, password: c.password },
      dir,
      loadDir: join(dir, 'load'),
    };
  });
