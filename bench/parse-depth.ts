// How long the query parser (traqula, through classifyQuery) takes on worst-case queries the endpoint admits: 64 KB
// (the default size limit) of constructs nested to the default depth limit, and long flat chains. Run: npx tsx
// bench/parse-depth.ts [depth] [bytes] [runs]. With runs > 1 each shape is parsed that many times more once warm (a
// unique comment each time) and the median and slowest of those are printed too: what a running server pays, e.g. on
// its main thread for the short texts it parses in place (`8 512 200`: IN_PLACE_MAX_NESTING and IN_PLACE_MAX_TEXT).
import { classifyQuery } from '../src/server/lib/query-classify.ts';
import { findNestingExcess } from '../src/server/lib/query-nesting.ts';

const depth = Number(process.argv[2] ?? 64);
const bytes = Number(process.argv[3] ?? 64 * 1024);
const runs = Number(process.argv[4] ?? 1);
const P = '<http://e/p>';

/** Repeats `unit` (joined by `sep`) inside head…tail for as long as the text stays within `bytes`. */
const fill = (head: string, unit: string, sep: string, tail: string) => {
  const n = Math.max(1, Math.floor((bytes - head.length - tail.length) / (unit.length + sep.length)));
  return head + Array.from({ length: n }, () => unit).join(sep) + tail;
};
const nest = (open: string, inner: string, close: string, levels: number) => open.repeat(levels) + inner + close.repeat(levels);

const shapes: Record<string, string> = {
  'nested groups': fill('SELECT * WHERE {', nest('{', '?s ?p ?o', '}', depth - 1), ' ', '}'),
  'nested path parentheses': fill('SELECT * WHERE {', `?s ${nest('(', P, ')', depth - 1)} ?o`, ' . ', '}'),
  'nested FILTER parentheses': fill('SELECT * WHERE { ?s ?p ?x ', `FILTER${nest('(', '?x', ')', depth - 1)}`, ' ', '}'),
  'nested blank nodes': fill('SELECT * WHERE {', `?s ${P} ${nest(`[ ${P} `, '?o', ' ]', depth - 2)}`, ' . ', '}'),
  'OPTIONAL chains': fill('SELECT * WHERE {', nest('OPTIONAL {', '?s ?p ?o', '}', depth - 1), ' ', '}'),
  'flat || chain': fill('SELECT * WHERE { ?s ?p ?x FILTER(', '?x', '||', ') }'),
  'flat path sequence': fill('SELECT * WHERE { ?s ', P, '/', ' ?o }'),
  'flat UNION chain': fill('SELECT * WHERE {', '{?s ?p ?o}', ' UNION ', '}'),
};

// One small parse first, so the first shape is not charged for loading and compiling the parser.
classifyQuery('SELECT * { ?s ?p ?o }');
for (const [name, text] of Object.entries(shapes)) {
  const excess = findNestingExcess(text, depth);
  if (excess) throw new Error(`${name}: nests deeper than ${depth} at ${excess.line}:${excess.column}`);
  const start = performance.now();
  const cpu = process.cpuUsage();
  let outcome = 'parsed';
  try {
    classifyQuery(text);
  } catch (e) {
    outcome = `refused: ${(e as Error).message.slice(0, 60)}`;
  }
  // CPU time too: on a loaded machine the wall time says more about the neighbours than about the parser.
  const used = process.cpuUsage(cpu);
  const ms = (n: number) => n.toFixed(0).padStart(6);
  let warm = '';
  if (runs > 1) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = process.cpuUsage();
      try {
        classifyQuery(`${text}\n#${i}`);
      } catch {
        // refused: timed all the same
      }
      const u = process.cpuUsage(t);
      times.push(u.user + u.system);
    }
    times.sort((a, b) => a - b);
    const us = (n: number) => `${(n / 1000).toFixed(2)} ms`;
    warm = `; warm: median ${us(times[times.length >> 1]!)}, slowest ${us(times[times.length - 1]!)} CPU`;
  }
  console.log(`${name.padEnd(26)} ${String(text.length).padStart(6)} chars ${ms(performance.now() - start)} ms wall ${ms((used.user + used.system) / 1000)} ms CPU  ${outcome}${warm}`);
}
