// /assets/<name> (and /favicon.ico): the site's stylesheet, icon and query-page script, and YASGUI's bundle from node_modules.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ASSETS_DIR } from '../../pages/index.ts';
import { HttpError } from '../lib/errors.ts';
import { Representation, sendRepresentation } from '../lib/representation.ts';

const YASGUI = join(dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui/package.json')), 'build');

/** Every file served, by name: where it is read from and its media type. */
const FILES: Readonly<Record<string, { path: string; type: string }>> = {
  'site.css': { path: join(ASSETS_DIR, 'site.css'), type: 'text/css; charset=utf-8' },
  'favicon.svg': { path: join(ASSETS_DIR, 'favicon.svg'), type: 'image/svg+xml' },
  'sparql-page.js': { path: join(ASSETS_DIR, 'sparql-page.js'), type: 'text/javascript; charset=utf-8' },
  'yasgui.min.js': { path: join(YASGUI, 'yasgui.min.js'), type: 'text/javascript; charset=utf-8' },
  'yasgui.min.css': { path: join(YASGUI, 'yasgui.min.css'), type: 'text/css; charset=utf-8' },
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/** Reads every asset once; the bundle's trailing source-map comment is dropped (the map is not served). */
export const loadAssets = (): Map<string, Asset> =>
  new Map(
    Object.entries(FILES).map(([name, f]) => {
      let body = readFileSync(f.path);
      if (name.endsWith('.js')) body = Buffer.from(body.toString('utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'));
      if (name.endsWith('.css')) body = Buffer.from(body.toString('utf8').replace(/\/\*# sourceMappingURL=\S+ \*\/\s*$/, '\n'));
      return [name, { body, type: f.type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }];
    }),
  );

const schema = { params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } as const;

const assetsPlugin: FastifyPluginAsync = async (app) => {
  const assets = new Map(
    [...loadAssets()].map(([name, a]) => [name, new Representation({ body: a.body, contentType: a.type, etag: a.etag, headers: { 'x-content-type-options': 'nosniff' } })]),
  );
  // Browsers ask for /favicon.ico on documents that name no icon (plain text, Turtle).
  const icon = assets.get('favicon.svg')!;
  app.get('/favicon.ico', (request, reply) => sendRepresentation(request, reply, icon));
  app.get('/assets/:name', { schema }, (request: FastifyRequest<{ Params: { name: string } }>, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) throw new HttpError('not_found', `no asset ${request.params.name}`);
    return sendRepresentation(request, reply, asset);
  });
};

export default assetsPlugin;
