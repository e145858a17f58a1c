// Turns curated keywords into keywords CKAN accepts as tags (ckan/logic/validators.py: tag_name_validator, tag_length_validator).

/** CKAN's tag length bounds (MIN_TAG_LENGTH, MAX_TAG_LENGTH), in code points as Python's len() counts them. */
export const TAG_MIN = 2;
export const TAG_MAX = 100;

/**
 * CKAN's rule, `re.compile(r'[\w \-.]*$', re.UNICODE).match`: Python's \w is a letter, a number or `_`, so
 * Japanese letters (and ー, a modifier letter) pass while ・、，（） do not.
 */
const TAG_CHARS = /^[\p{L}\p{N}_ \-.]*$/u;

/** Where a composite keyword splits: Japanese and Latin list punctuation, slashes, and "and"/"&" between words. */
const SEPARATORS = /[・、，,;；/／&＆]+|\s+and\s+/u;

/** Whether CKAN takes `tag` as it is. */
export const isCkanTag = (tag: string): boolean => {
  const length = [...tag].length;
  return length >= TAG_MIN && length <= TAG_MAX && TAG_CHARS.test(tag);
};

/**
 * The CKAN tags a keyword stands for: split where it lists several things, each part stripped of characters CKAN
 * refuses, spaces collapsed; parts still too short or too long are left out.
 */
export const ckanTags = (keyword: string): string[] =>
  keyword
    .normalize('NFKC')
    .split(SEPARATORS)
    .map((part) =>
      part
        .replace(/[^\p{L}\p{N}_ \-.]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(isCkanTag);

/** The tags of several keywords, first occurrence kept (case-insensitively, as CKAN's tag search folds case). */
export const ckanTagList = (keywords: readonly string[]): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of keywords.flatMap(ckanTags)) {
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
};
