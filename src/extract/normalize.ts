// Glyph normalization of text taken from PDFs: the versioned table that decides which characters a source text holds.
//
// Offsets into a source text depend on this table, so it is versioned: a draft records NORMALIZATION_VERSION, and a
// change to the table must raise it. Full NFKC is not applied, because it would erase the plans' numbering systems
// (① → 1, Ⅱ → II, full-width digits); only these ranges are mapped:
//   1. Kangxi radicals U+2F00–U+2FD5 → their unified ideographs (NFKC of each character, e.g. ⽬ → 目);
//   2. CJK radicals supplement U+2E80–U+2EFF → unified ideographs, by the explicit table below (Unicode gives most of
//      them no decomposition, e.g. ⻑ → 長);
//   3. CJK compatibility ideographs U+F900–U+FAFF and half-width katakana U+FF61–U+FF9F → NFKC;
//   4. single characters: U+2027 (hyphenation point) → ・, U+00A0 (no-break space) → space, U+FEFF and U+200B → removed;
//   5. then NFC over the whole text.

export const NORMALIZATION_VERSION = 1;

const RADICALS_SUPPLEMENT: Readonly<Record<string, string>> = {
  '⺀': '冫', '⺄': '乙', '⺅': '亻', '⺇': '几', '⺈': '刀', '⺉': '刂', '⺋': '卩', '⺌': '小', '⺍': '小', '⺎': '尢',
  '⺏': '尢', '⺐': '尢', '⺑': '尢', '⺒': '己', '⺓': '幺', '⺔': '彑', '⺖': '忄', '⺗': '心', '⺘': '扌', '⺙': '攵',
  '⺛': '旡', '⺜': '日', '⺝': '月', '⺞': '歹', '⺟': '母', '⺠': '民', '⺡': '氵', '⺢': '水', '⺣': '灬', '⺤': '爪',
  '⺥': '爫', '⺦': '丬', '⺧': '牛', '⺨': '犭', '⺩': '王', '⺪': '疋', '⺫': '目', '⺬': '示', '⺭': '礻', '⺮': '竹',
  '⺯': '糸', '⺰': '糸', '⺱': '网', '⺲': '罒', '⺳': '网', '⺴': '网', '⺵': '网', '⺶': '羊', '⺷': '羊', '⺸': '羊',
  '⺹': '耂', '⺺': '聿', '⺻': '聿', '⺼': '肉', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹', '⻁': '虎', '⻂': '衤',
  '⻃': '西', '⻄': '西', '⻅': '見', '⻆': '角', '⻇': '角', '⻈': '讠', '⻉': '贝', '⻊': '足', '⻋': '车', '⻌': '辶',
  '⻍': '辶', '⻎': '辶', '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻕': '阜', '⻖': '阝',
  '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻞': '食', '⻟': '食', '⻠': '饣',
  '⻡': '飠', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾',
  '⻫': '斉', '⻬': '齐', '⻭': '歯', '⻮': '齿', '⻯': '竜', '⻰': '龙', '⻱': '龜', '⻲': '亀', '⻳': '龟',
};

const SINGLE: Readonly<Record<string, string>> = { '\u2027': '・', '\u00a0': ' ', '\ufeff': '', '\u200b': '' };

const mapChar = (ch: string): string => {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2f00 && cp <= 0x2fdf) return ch.normalize('NFKC');
  if (cp >= 0x2e80 && cp <= 0x2eff) return RADICALS_SUPPLEMENT[ch] ?? ch;
  if ((cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff61 && cp <= 0xff9f)) return ch.normalize('NFKC');
  return SINGLE[ch] ?? ch;
};

/** Applies the table above; the same input always gives the same output. */
export const normalizeGlyphs = (text: string): string =>
  text.replace(/[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\uff61-\uff9f\u2027\u00a0\ufeff\u200b]/gu, mapChar).normalize('NFC');
