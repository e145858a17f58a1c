// Loads every plan file and prints each problem, or a per-plan summary of element counts; exit 1 on problems.
import { InputError, loadInputs } from '../src/plan/index.ts';

try {
  const { plans } = loadInputs(process.cwd());
  for (const p of plans) {
    const counts = new Map<string, number>();
    p.elements.forEach((e) => counts.set(e.type, (counts.get(e.type) ?? 0) + 1));
    console.log(`${p.municipality.code} ${p.id}: ${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')}`);
  }
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  console.error(e.message);
  process.exit(1);
}
