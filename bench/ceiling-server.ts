// The ceiling for the benchmark: a bare node:http server (no framework, no routing table, no logging) that answers
// a 2 KB string, and replays copies of real answers: the same status, every header and the same body bytes.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

interface Copy {
  readonly path: string;
  readonly status: number;
  /** Header name/value pairs as the real server sent them (Date and Connection are Node's own, as there). */
  readonly headers: readonly [string, string][];
  readonly base64: string;
}

const small = Buffer.from('x'.repeat(2048));
const answers = new Map<string, { status: number; headers: [string, string][]; body: Buffer }>([
  ['/ceiling', { status: 200, headers: [['content-type', 'text/plain; charset=utf-8'], ['content-length', String(small.byteLength)]], body: small }],
]);
const copies = process.env.CEILING_COPIES;
if (copies)
  for (const copy of JSON.parse(readFileSync(copies, 'utf8')) as Copy[])
    answers.set(copy.path, { status: copy.status, headers: [...copy.headers], body: Buffer.from(copy.base64, 'base64') });

createServer((req, res) => {
  const answer = answers.get(req.url ?? '');
  if (!answer) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(answer.status, answer.headers.flat());
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
