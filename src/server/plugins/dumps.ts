// /dumps/: the build files (dataset dumps, plan graphs, manifest) streamed from disk with their media types, the
// precompressed gzip copy when accepted, ETag and 304, and single byte ranges so that large downloads resume.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { dumpsPage, makeLinks } from '../../pages/index.ts';
import { HttpError } from '../lib/errors.ts';
import { etagOf } from '../lib/ld-http.ts';
import { LANG_QUERY, requestLang } from '../lib/lang.ts';
import { pageInit } from '../lib/page-reply.ts';
import { sendDumpFile } from '../lib/dump-files.ts';
import { sendPrepared } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const langSchema = { querystring: LANG_QUERY } as const;
const schema = { params: { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] } } as const;

const dumpsPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;
  const entries = [...site.dumps.values()].map((d) => ({ href: urls.local(urls.dump(d.path)), path: d.path, contentType: d.contentType, bytes: d.identity.bytes, sha256: d.sha256 }));
  // Redirects are root-relative (RFC 9110 §10.2.2), so they stay on the host the client reached.
  app.get('/dumps', (_request, reply) => reply.code(301).header('location', urls.local(urls.dumps())).send());
  app.get('/dumps/', { schema: langSchema }, (request, reply) => {
    const lang = requestLang(request);
    return sendPrepared(request, reply, site.representations, `dumps ${lang}`, () =>
      pageInit({ body: dumpsPage(makeLinks(urls, lang, () => false), entries), etag: etagOf(site.version, 'dumps/', `html-${lang}`) }),
    );
  });

  // GET and HEAD by hand: Fastify's own HEAD would read a whole (multi-GB) stream to discard it.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/dumps/*',
    schema,
    exposeHeadRoute: false,
    handler: (request: FastifyRequest<{ Params: { '*': string } }>, reply) => {
      const path = request.params['*'];
      // Only the files the manifest lists are served (a map look-up, never a file-system path); anything that
      // tries to climb out of build/ is refused outright.
      if (path.split('/').some((s) => s === '..' || s === '.') || /[\\\0]/.test(path)) throw new HttpError('bad_request', 'invalid dump path');
      const file = site.dumps.get(path);
      if (!file) throw new HttpError('not_found', `no dump at ${request.url.split('?')[0]}`);
      return sendDumpFile(request, reply, file);
    },
  });
};

export default dumpsPlugin;
