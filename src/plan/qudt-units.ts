// The QUDT units an indicator's qudtUnit may name: the units the plans' indicators need, each checked in QUDT's unit
// vocabulary (qudt/qudt-public-repo, src/main/rdf/vocab/unit/VOCAB_QUDT-UNITS-ALL.ttl at 8b9168d, 2026-08-05: present,
// not deprecated). A unit missing here is added with a row, after checking its local name there.

/**
 * Local names under http://qudt.org/vocab/unit/, with the English label QUDT gives and, where the unit fixes a scale,
 * the printed units (after NFKC) it may stand for: a value printed in 千円 is not a number of yen (QUDT has no
 * thousand-yen unit), so CCY_JPY takes 円 only. NUM, a count, stands for any counting word (人, 件, 回, 校, 箇所, …).
 */
export const QUDT_UNITS = {
  PERCENT: { label: 'Percent', printed: ['%', 'パーセント'] },
  PERMILLE: { label: 'Permille', printed: ['‰', 'パーミル'] },
  NUM: { label: 'Number' },
  CCY_JPY: { label: 'Japanese Yen', printed: ['円'] },
  HA: { label: 'Hectare', printed: ['ha', 'ヘクタール'] },
  M2: { label: 'Square Metre', printed: ['m2', 'm²', '平方メートル'] },
  KiloM2: { label: 'Square Kilometre', printed: ['km2', 'km²', '平方キロメートル'] },
  M: { label: 'Metre', printed: ['m', 'メートル'] },
  KiloM: { label: 'Kilometre', printed: ['km', 'キロメートル'] },
  KiloGM: { label: 'Kilogram', printed: ['kg', 'キログラム'] },
  TONNE: { label: 'Tonne', printed: ['t', 'トン'] },
  YR: { label: 'Year', printed: ['年'] },
  DAY: { label: 'Day', printed: ['日'] },
  HR: { label: 'Hour', printed: ['時間'] },
} as const satisfies Record<string, { label: string; printed?: readonly string[] }>;

export type QudtUnit = keyof typeof QUDT_UNITS;
export const QUDT_UNIT_NAMES = Object.keys(QUDT_UNITS) as [QudtUnit, ...QudtUnit[]];

/** Why `name` cannot stand for the unit printed as `unit` (undefined when it can). */
export const qudtUnitProblem = (name: QudtUnit, unit: string): string | undefined => {
  const row: { label: string; printed?: readonly string[] } = QUDT_UNITS[name];
  if (!row.printed) return undefined;
  const printed = unit.normalize('NFKC').trim();
  if (row.printed.some((p) => p.normalize('NFKC') === printed)) return undefined;
  return `${name} (${row.label}) stands for a value printed in ${row.printed.join(' or ')}, not in ${unit}: leave qudtUnit out where no QUDT unit is the printed one`;
};
