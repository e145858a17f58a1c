// Start-up failures of the real server, as a person sees them: exit code 1 and one line naming the file or setting and
// the reason, never a stack trace.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAndWrite } from '../../../src/convert/index.ts';
import { freePort } from '../../free-port.ts';
import { removeDir, run, SERVER_MAIN, tempRoot, TEST_BASE } from './processes.ts';

let parent: string;
const good = () => join(parent, 'build');

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'jpp-start-'));
  await convertAndWrite({ root: process.cwd(), baseIri: TEST_BASE, buildDir: good() });
});
afterAll(() => removeDir(parent));

const startServer = async (buildDir: string, port: number, cwd = process.cwd()) => {
  const p = run(SERVER_MAIN, { cwd, env: { PORT: String(port), HOST: '127.0.0.1', BASE_IRI: TEST_BASE, BUILD_DIR: buildDir } });
  // Hang-guard: a server that does start is stopped.
  const guard = setTimeout(() => void p.kill(), 120_000);
  try {
    return { code: await p.exited, stderr: p.stderr() };
  } finally {
    clearTimeout(guard);
    await p.kill();
  }
};

describe('start-up errors', () => {
  it('names a port already in use', async () => {
    const port = await freePort();
    const other: Server = createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      const { code, stderr } = await startServer(good(), port);
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use; set PORT`);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      other.close();
    }
  });

  it('names dataset.nq when it holds garbage its manifest vouches for', async () => {
    const damaged = join(parent, 'damaged');
    cpSync(good(), damaged, { recursive: true });
    const garbage = 'this is not N-Quads\n';
    writeFileSync(join(damaged, 'dataset.nq'), garbage);
    const manifestPath = join(damaged, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
    const entry = manifest.files.find((f) => f.path === 'dataset.nq')!;
    entry.sha256 = createHash('sha256').update(garbage).digest('hex');
    entry.bytes = garbage.length;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const { code, stderr } = await startServer(damaged, await freePort());
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot start: ${join(damaged, 'dataset.nq')}: `);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('names the plan file and place when the rebuild it needs fails, and leaves the previous build untouched', async () => {
    const root = tempRoot();
    try {
      const build = join(root, 'build');
      await convertAndWrite({ root, baseIri: TEST_BASE, buildDir: build });
      const manifest = readFileSync(join(build, 'manifest.json'));
      // The build is now older than its inputs, and the change is not a plan.
      appendFileSync(join(root, 'data/plans/132101-koganei.yaml'), '\n  - this: [is not closed\n');
      const { code, stderr } = await startServer(build, await freePort(), root);
      expect(code).toBe(1);
      expect(stderr).toContain(`rebuilding ${build}: ${build} is older than its inputs`);
      expect(stderr).toContain('convert failed; the previous build is left untouched.');
      expect(stderr).toMatch(/data\/plans\/132101-koganei\.yaml.*\d+/);
      expect(stderr).toMatch(/cannot start: the converter \(.*src\/publish\/main\.ts\) exited with code 1; its message is above/);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(readFileSync(join(build, 'manifest.json')).equals(manifest)).toBe(true);
    } finally {
      removeDir(root);
    }
  });
});
