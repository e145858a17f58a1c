// `npm run fuzz`: hostile requests against the real server on loopback, bounded in count and time; exit 1 on any failure.
// Options: --requests N (2000) --seconds S (120) --seed K (1) --concurrency C (8) --hang-ms MS (15000)
// --sparql-timeout-ms MS (5000) --case i,j (replay only those cases of the seed) --skip kind,… (leave out cases whose
// kind contains one of these, e.g. a known crash, without changing the others).
import { parseArgs } from 'node:util';
import { formatReport } from './report.ts';
import { runFuzz } from './runner.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '120' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
    'hang-ms': { type: 'string', default: '15000' },
    'sparql-timeout-ms': { type: 'string', default: '5000' },
    case: { type: 'string' },
    skip: { type: 'string' },
  },
});

const integer = (name: string, raw: string | undefined, min: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > 2 ** 32 - 1) {
    console.error(`--${name} must be an integer from ${min} to 2^32-1, got "${raw}"`);
    process.exit(2);
  }
  return n;
};
const positive = (name: string, raw: string | undefined) => integer(name, raw, 1);
const nonNegative = (name: string, raw: string | undefined) => integer(name, raw, 0);

const only = values.case?.split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--case takes case numbers (0, 1, …) separated by commas, got "${values.case}"`);
    process.exit(2);
  }
  return n;
});

const result = await runFuzz({
  requests: positive('requests', values.requests),
  seconds: positive('seconds', values.seconds),
  seed: nonNegative('seed', values.seed),
  concurrency: positive('concurrency', values.concurrency),
  hangMs: positive('hang-ms', values['hang-ms']),
  sparqlTimeoutMs: positive('sparql-timeout-ms', values['sparql-timeout-ms']),
  only,
  skip: values.skip?.split(',').filter(Boolean),
  log: (line) => console.log(line),
});
console.log(formatReport(result));
process.exit(result.passed ? 0 : 1);
