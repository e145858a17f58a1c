// The HTTP/1.1 message-level rules Node's parser leaves to the server, checked before the response cache and the app
// (so a replayed answer is no exception): Host (RFC 9112 §3.2) and the asterisk-form request target (§3.2.4).
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Host's grammar (RFC 9112 §3.2, RFC 3986 §3.2.2-3): an IP literal in brackets, or a reg-name or IPv4 address
 * (unreserved, sub-delims, percent-encoded octets; possibly empty), then an optional port. A Host sent twice reaches us
 * joined with ", " (the server's joinDuplicateHeaders, serve.ts), which no valid value contains.
 */
const HOST = /^(?:\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[\w\-.~!$&'()*+,;=:]+)\]|(?:[\w\-.~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::\d*)?$/;

/** The methods the server answers at all: what `OPTIONS *` (a question about the server, not a resource) is told. */
export const SERVER_METHODS = 'GET, HEAD, POST, OPTIONS';

/** 400 with a line that says why (the message itself was read whole: the connection may go on). */
const refuse = (res: ServerResponse, why: string): true => {
  const body = `${why}\n`;
  res.writeHead(400, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
  });
  res.end(body);
  return true;
};

/**
 * Answers a request that breaks a message-level rule, and returns true; returns false (the request goes on) otherwise.
 * - HTTP/1.1 without Host is Node's own 400 (requireHostHeader); a Host sent twice or with an invalid value is 400 here
 *   (RFC 9112 §3.2: "MUST respond with a 400"). Nothing is built from Host (redirects are host-relative), but a proxy
 *   or cache before us may key on it.
 * - `OPTIONS *` asks about the server: 204 with the methods it answers; any other method with `*` is 400 (§3.2.4),
 *   where Fastify's router would have served the home page.
 * On the hot path: a request whose Host is the last one seen valid costs two string comparisons.
 */
export const messageChecks = (): ((req: IncomingMessage, res: ServerResponse) => boolean) => {
  let lastValidHost = '';
  return (req, res) => {
    const host = req.headers.host;
    if (host !== undefined && host !== lastValidHost) {
      if (!HOST.test(host)) return refuse(res, 'the Host header must be given once, as a host name or address and an optional port');
      lastValidHost = host;
    }
    if (req.url !== '*') return false;
    if (req.method !== 'OPTIONS') return refuse(res, `the request target * is for OPTIONS only; ${req.method} needs a path`);
    res.writeHead(204, { allow: SERVER_METHODS, 'access-control-allow-origin': '*' });
    res.end();
    return true;
  };
};
