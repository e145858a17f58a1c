// One access line per request, whichever path answered it (the response cache or the app), written when it is done.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';

export const logAccess = (log: FastifyBaseLogger, req: IncomingMessage, res: ServerResponse, started: number): void => {
  // pino makes a disabled level a no-op, so a quiet server pays one call.
  log.info(
    {
      method: req.method,
      url: req.url,
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
      remote: req.socket.remoteAddress,
      // The connection closed before the whole answer was written.
      ...(res.writableFinished ? {} : { aborted: true }),
    },
    'request',
  );
};
