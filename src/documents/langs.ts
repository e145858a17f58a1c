// The languages the site is published in: labels are picked, and pages rendered, in one of them.
export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const isLang = (s: unknown): s is Lang => s === 'ja' || s === 'en';
