// Mints every IRI of the published data from the base IRI and the plans' own numbering (house rule: only here).
import { ESTAT_SAC, SDG_GOAL } from './vocab.ts';

/** IRI minting for one base; every function is pure and ASCII-only. */
export const iris = (base: string) => {
  const municipality = (code: string) => `${base}id/${code}`;
  const plan = (code: string, planId: string) => `${municipality(code)}/plan/${planId}`;
  return {
    base,
    municipality,
    plan,
    planPart: (planIri: string, partId: string) => `${planIri}/part/${partId}`,
    period: (ownerIri: string) => `${ownerIri}/period`,
    element: (planIri: string, elementId: string) => `${planIri}/${elementId}`,
    indicatorValue: (indicatorIri: string, which: 'baseline' | 'target') => `${indicatorIri}/${which}`,
    selection: (resourceIri: string, what: string) => `${resourceIri}/quote/${what}`,
    quoteSelector: (selectionIri: string) => `${selectionIri}/exact`,
    positionSelector: (selectionIri: string) => `${selectionIri}/position`,
    sourceText: (file: string) => `${base}sources/${file}`,
    themeScheme: () => `${base}id/theme`,
    theme: (id: string) => `${base}id/theme/${id}`,
    ssdsScheme: () => `${base}id/ssds`,
    ssdsField: (notation: string) => `${base}id/ssds/${notation}`,
    planGraph: (code: string, planId: string) => `${base}graph/${code}/${planId}`,
    vocabularyGraph: () => `${base}graph/vocabulary`,
  };
};
export type Iris = ReturnType<typeof iris>;

/** The e-Stat statistical LOD standard area code resource of a municipality (five-digit code). */
export const standardAreaCode = (areaCode: string): string => `${ESTAT_SAC}C${areaCode}`;

/** The UN SDG goal resource in the UN's SDG KOS. */
export const sdgGoal = (n: number): string => `${SDG_GOAL}${n}`;
