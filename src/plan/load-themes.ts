// Reads the shared theme scheme (data/themes.yaml) into the typed model.
import type { Problem } from './errors.ts';
import type { ThemeScheme } from './model.ts';
import { themesFileSchema } from './schema.ts';
import { formatPath, readYaml } from './yaml-file.ts';

export const loadThemes = (file: string, text: string): { scheme?: ThemeScheme; problems: Problem[] } => {
  const { yaml, problems } = readYaml(file, text);
  if (!yaml) return { problems };
  const parsed = themesFileSchema.safeParse(yaml.value);
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map((issue) => {
        const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
        return { file, ...yaml.place(path), path: formatPath(path), reason: issue.message };
      }),
    };
  const { scheme, ssds, themes, sdgGoals } = parsed.data;
  const out: Problem[] = [];
  const fields = new Set(ssds.fields.map((f) => f.notation));
  const seen = new Set<string>();
  themes.forEach((t, i) => {
    if (seen.has(t.id)) out.push({ file, ...yaml.place(['themes', i, 'id']), path: `themes[${i}].id`, reason: `duplicate theme id "${t.id}"` });
    seen.add(t.id);
    [...t.ssds.close, ...t.ssds.related].forEach((f) => {
      if (!fields.has(f)) out.push({ file, ...yaml.place(['themes', i, 'ssds']), path: `themes[${i}].ssds`, reason: `unknown SSDS field "${f}"` });
    });
  });
  return out.length > 0 ? { problems: out } : { scheme: { ...scheme, ssds, themes, sdgGoals }, problems: [] };
};
