// Reads the shared theme scheme (data/themes.yaml) into the typed model.
import type { Problem } from './errors.ts';
import type { ThemeScheme } from './model.ts';
import { themesFileSchema } from './schema.ts';
import { formatPath, readYaml, zodProblems } from './yaml-file.ts';

export const loadThemes = (file: string, text: string): { scheme?: ThemeScheme; problems: Problem[] } => {
  const { yaml, problems } = readYaml(file, text);
  if (!yaml) return { problems };
  const parsed = themesFileSchema.safeParse(yaml.value);
  if (!parsed.success) return { problems: zodProblems(yaml, parsed.error) };
  const { scheme, ssds, themes, sdgGoals } = parsed.data;
  const out: Problem[] = [];
  const fail = (path: (string | number)[], reason: string) => out.push({ file, ...yaml.place(path), path: formatPath(path), reason });
  const fields = new Set(ssds.fields.map((f) => f.notation));
  const seen = new Set<string>();
  themes.forEach((t, i) => {
    if (seen.has(t.id)) fail(['themes', i, 'id'], `duplicate theme id "${t.id}"`);
    seen.add(t.id);
    [...t.ssds.close, ...t.ssds.related].forEach((f) => {
      if (!fields.has(f)) fail(['themes', i, 'ssds'], `unknown SSDS field "${f}"`);
    });
  });
  return out.length > 0 ? { problems: out } : { scheme: { ...scheme, ssds, themes, sdgGoals }, problems: [] };
};
