// The synthetic national dataset: deterministic for a seed, codes no real body can have, and accepted only by a
// synthetic build.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSyntheticLocalGovernmentCode, isValidLocalGovernmentCode, syntheticCode } from '../../src/plan/codes.ts';
import { loadPlan } from '../../src/plan/index.ts';
import { generateBody, writeSynthetic } from '../../src/synth/index.ts';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'jpp-synth-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => [join(d.parentPath, d.name).slice(dir.length), readFileSync(join(d.parentPath, d.name))]));

const THEMES = new Set(['children', 'education', 'health', 'welfare', 'human-rights', 'community', 'safety', 'environment', 'urban', 'industry', 'culture', 'administration']);

describe('synthetic codes', () => {
  it('are never valid as real codes, every one of the 10,000', () => {
    for (let i = 0; i <= 9999; i++) {
      const code = syntheticCode(i);
      expect(isSyntheticLocalGovernmentCode(code)).toBe(true);
      expect(isValidLocalGovernmentCode(code)).toBe(false);
    }
    expect(() => syntheticCode(10000)).toThrow(RangeError);
    // The check digit is the official one: 90006 leaves a remainder of 0, so its check digit is 1 (before the fix, 0).
    expect([syntheticCode(0), syntheticCode(6)]).toEqual(['900001', '900061']);
    expect(isSyntheticLocalGovernmentCode('131121')).toBe(false);
  });
});

describe('npm run synth', () => {
  // Writing 36 bodies takes 10–120 s depending on the machine's load: a generous limit, the assertions are what matter.
  it('writes byte-identical files for the same seed, other files for another seed', { timeout: 300_000 }, () => {
    const [a, b, c] = [temp(), temp(), temp()];
    writeSynthetic(a, { bodies: 12, seed: '1' });
    writeSynthetic(b, { bodies: 12, seed: '1' });
    writeSynthetic(c, { bodies: 12, seed: '2' });
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(snapshot(c)).not.toEqual(snapshot(a));
    // Body 9 has two editions; every body has a plan file and a source text per edition.
    expect(Object.keys(snapshot(a)).filter((p) => p.startsWith('/plans/')).length).toBe(13);
  });

  it('makes plans whose every quote is found, accepted in synthetic mode only', () => {
    const body = generateBody('1', 9);
    const files = [...body.files.keys()].filter((p) => p.startsWith('plans/'));
    const readSource = (name: string) => {
      const text = body.files.get(`sources/${name}`);
      return text === undefined ? undefined : Buffer.from(text);
    };
    for (const file of files) {
      const input = { file, yamlText: body.files.get(file)!, readSource, themeIds: THEMES };
      const synthetic = loadPlan({ ...input, synthetic: true });
      expect(synthetic.problems).toEqual([]);
      const plan = synthetic.plan!;
      expect(plan.elements.filter((e) => e.type === 'Indicator').every((e) => e.baseline && e.target)).toBe(true);
      const real = loadPlan(input);
      expect(real.plan).toBeUndefined();
      expect(real.problems.map((p) => p.reason).join('\n')).toMatch(/never part of the real build[\s\S]*not a valid local government code/);
    }
    const current = loadPlan({ file: 'plans/x.yaml', yamlText: body.files.get(`plans/${body.code}-synth.yaml`)!, readSource, themeIds: THEMES, synthetic: true }).plan!;
    expect(current.replaces).toBeDefined();
    expect(new Set(current.elements.map((e) => e.type))).toEqual(new Set(['Vision', 'Principle', 'Goal', 'Policy', 'Perspective', 'Measure', 'DesiredState', 'Indicator', 'CrossCuttingProject']));
  });
});
