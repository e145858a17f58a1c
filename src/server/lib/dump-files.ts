// The build's files (dumps and manifest) as the server knows them: path, type, length, checksum and the gzip copy's
// length, never their bytes. Each answer streams from disk: identity or the precompressed gzip copy, whole or one range.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Manifest } from '../../convert/index.ts';
import { isSliceFile, MANIFEST, SITEMAP_INDEX, SITEMAP_PART, sitemapPart } from '../../convert/index.ts';
import { contentType, formatOfFile } from '../../documents/index.ts';
import { etagMatches } from './answer-cache.ts';
import { ifRangeHolds, parseRange } from './byte-ranges.ts';
import { HttpError } from './errors.ts';
import { etagOf } from './ld-http.ts';
import { checkIfMatch } from './preconditions.ts';
import { acceptsGzip, CACHE_CONTROL } from './representation.ts';

/** The suffix of a build file's precompressed copy (written by the converter, src/convert/gzip-file.ts). */
const GZIP_SUFFIX = '.gz';

/** One coding of a file on disk, as it was at start-up. */
interface OnDisk {
  readonly file: string;
  readonly bytes: number;
  /** The inode at start-up: a new build swapped in under the same name is not served with this generation's validators. */
  readonly ino: number;
  readonly etag: string;
}

/** A file of the build served from disk, in both codings. */
export interface DiskFile {
  /** Path under build/, e.g. `plans/132101-dai5ji-kihon-koso.ttl`. */
  readonly path: string;
  readonly contentType: string;
  readonly identity: OnDisk;
  readonly gzip: OnDisk;
}

export interface DumpFile extends DiskFile {
  /** Hex SHA-256 of the file (from the manifest, which readVerifiedBuild checked; the manifest's own, computed). */
  readonly sha256: string;
}

/** ISIZE, the last four bytes of a gzip member: the uncompressed length modulo 2^32 (RFC 1952 §2.3.1). */
const gzipLength = (path: string, bytes: number): number => {
  const fd = openSync(path, 'r');
  try {
    const tail = Buffer.alloc(4);
    readSync(fd, tail, 0, 4, bytes - 4);
    return tail.readUInt32LE(0);
  } finally {
    closeSync(fd);
  }
};

const fail = (path: string, reason: string) => new Error(`${path}: ${reason} (rebuild with npm run convert)`);

/** `file` and its gzip copy as they are now; `etag` is the identity coding's validator, the gzip copy's gets a suffix. */
const describe = (file: string, path: string, stat: Stats, contentType: string, etag: string): DiskFile => {
  const gz = statSync(file + GZIP_SUFFIX, { throwIfNoEntry: false });
  if (!gz) throw fail(file + GZIP_SUFFIX, 'missing');
  if (gz.size < 18 || gzipLength(file + GZIP_SUFFIX, gz.size) !== stat.size % 2 ** 32) throw fail(file + GZIP_SUFFIX, `not the gzip copy of ${path}`);
  return {
    path,
    contentType,
    identity: { file, bytes: stat.size, ino: stat.ino, etag },
    // Each coding has its own validator (RFC 9110 §8.8.3), as for every other body the site sends gzip.
    gzip: { file: file + GZIP_SUFFIX, bytes: gz.size, ino: gz.ino, etag: `${etag.slice(0, -1)}-gzip"` },
  };
};

/**
 * Every file the manifest lists, plus the manifest itself, each with its gzip copy: stat only (the contents were
 * checked against the manifest when the build was read). Throws naming the file when one is missing, has another
 * length than the manifest says, or its gzip copy is missing or not of it.
 */
export const readDumpFiles = (buildDir: string, manifest: Manifest): Map<string, DumpFile> => {
  const out = new Map<string, DumpFile>();
  const manifestPath = join(buildDir, MANIFEST);
  const entries = [
    // The slice files are what the server reads its documents from, not downloads.
    ...manifest.files.filter((f) => !isSliceFile(f.path)).map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes as number | undefined, mediaType: f.mediaType })),
    { path: MANIFEST, sha256: createHash('sha256').update(readFileSync(manifestPath)).digest('hex'), bytes: undefined, mediaType: 'application/json' },
  ];
  for (const entry of entries.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const file = join(buildDir, entry.path);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) throw fail(file, 'missing');
    if (entry.bytes !== undefined && stat.size !== entry.bytes) throw fail(file, `${stat.size} bytes, not the ${entry.bytes} its manifest entry says`);
    const format = formatOfFile(entry.path);
    const type = format ? contentType(format) : entry.mediaType;
    out.set(entry.path, { ...describe(file, entry.path, stat, type, `"${entry.sha256}"`), sha256: entry.sha256 });
  }
  return out;
};

/** The sitemap files the converter wrote (src/convert/sitemap-file.ts): the index and its parts 1..n, by path (`sitemap-N.xml`). */
export const readSitemapFiles = (buildDir: string, version: string): Map<string, DiskFile> => {
  const parts = readdirSync(buildDir, { withFileTypes: true }).filter((d) => d.isFile() && SITEMAP_PART.test(d.name));
  const out = new Map<string, DiskFile>();
  for (const path of [SITEMAP_INDEX, ...parts.map((d) => d.name)]) {
    const file = join(buildDir, path);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) throw fail(file, 'missing');
    out.set(path, describe(file, path, stat, 'application/xml; charset=utf-8', etagOf(version, path, 'xml')));
  }
  for (let n = 1; n <= parts.length; n++) if (!out.has(sitemapPart(n))) throw fail(join(buildDir, sitemapPart(n)), 'missing');
  return out;
};

/**
 * Answers GET or HEAD of a build file from disk: 412 when If-Match names another file (or coding), 304 on a matching
 * If-None-Match, else 200 or (Range, with If-Range holding) 206 with one range, or 416; in that order (RFC 9110 §13.2.2),
 * so a resumed download never gets a range of another file. Ranges apply to the coding sent (RFC 9110 §14.1.1), so a resumed gzip download
 * asks with the gzip ETag in If-Range. The body is a file stream: the front response cache never keeps it.
 */
export const sendDumpFile = async (request: FastifyRequest, reply: FastifyReply, dump: DiskFile): Promise<FastifyReply> => {
  const coded = acceptsGzip(request.headers['accept-encoding']) ? dump.gzip : dump.identity;
  const common = { etag: coded.etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding' };
  checkIfMatch(request, coded.etag);
  if (etagMatches(request.headers['if-none-match'], coded.etag)) return reply.code(304).headers(common).send();

  const headers: Record<string, string> = { ...common, 'content-type': dump.contentType, 'accept-ranges': 'bytes' };
  if (coded === dump.gzip) headers['content-encoding'] = 'gzip';
  const ifRange = request.headers['if-range'];
  const ranged = ifRangeHolds(Array.isArray(ifRange) ? ifRange.join(', ') : ifRange, coded.etag) ? parseRange(request.headers.range, coded.bytes) : ({ kind: 'whole' } as const);
  if (ranged.kind === 'unsatisfiable')
    throw new HttpError('range_not_satisfiable', `${ranged.reason}; ${request.url.split('?')[0]} has ${coded.bytes} bytes`, {
      headers: { 'content-range': `bytes */${coded.bytes}`, 'accept-ranges': 'bytes', vary: 'Accept-Encoding' },
    });
  const [start, end] = ranged.kind === 'range' ? [ranged.start, ranged.end] : [0, coded.bytes - 1];
  if (ranged.kind === 'range') headers['content-range'] = `bytes ${start}-${end}/${coded.bytes}`;
  headers['content-length'] = String(end - start + 1);

  // Opened per request: the descriptor keeps these bytes readable even if a new build replaces the file meanwhile,
  // and the inode tells whether the file is still the one this generation's validators describe.
  const handle = await open(coded.file, 'r');
  try {
    const now = await handle.stat();
    if (now.ino !== coded.ino || now.size !== coded.bytes)
      throw new HttpError('unavailable', `${request.url.split('?')[0]} changed on disk (a new build is being taken in); retry shortly`, {
        headers: { 'retry-after': '5' },
      });
  } catch (e) {
    await handle.close();
    throw e;
  }
  reply.code(ranged.kind === 'range' ? 206 : 200).headers(headers);
  if (request.method === 'HEAD' || coded.bytes === 0) {
    await handle.close();
    return reply.send();
  }
  return reply.send(handle.createReadStream({ start, end }));
};
