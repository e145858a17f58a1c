// Builds the view index once from the dataset's triples: plans, elements, hierarchy, order, labels, themes and quoted spans.
import type { Literal, Quad, Term } from 'n3';
import type { SiteUrls } from '../rdf/uris.ts';
import { ELEMENT_CLASSES, type ElementClass } from '../plan/model.ts';
import { DCAT, DCTERMS, JPP, OA, OWL, PROV, QUOTE_KINDS, QUOTE_PROPERTIES, RDF, RDFS, SCHEMA, SDG_GOAL, SDMX_DIMENSION, SKOS, TIME } from '../rdf/vocab.ts';
import { LABEL_PREDICATES } from './labels.ts';
import type { Lang } from './langs.ts';
import type { ElementView, Labels, MunicipalityView, PlanView, QuoteView, SourceView, ThemeView, ValueView, ViewIndex } from './view-model.ts';

/** The predicates the view reads (element-view.ts follows the same ones to gather an element's resources). */
export const VIEW_PREDICATES = {
  type: `${RDF}type`,
  label: `${RDFS}label`,
  title: `${DCTERMS}title`,
  description: `${DCTERMS}description`,
  definition: `${SKOS}definition`,
  notation: `${SKOS}notation`,
  identifier: `${DCTERMS}identifier`,
  subtitle: `${JPP}subtitle`,
  levelName: `${JPP}levelName`,
  fieldName: `${JPP}fieldName`,
  plan: `${JPP}plan`,
  parent: `${JPP}parent`,
  municipality: `${JPP}municipality`,
  theme: `${JPP}theme`,
  baseline: `${JPP}baseline`,
  target: `${JPP}target`,
  desiredDirection: `${JPP}desiredDirection`,
  refPeriod: `${SDMX_DIMENSION}refPeriod`,
  hasBeginning: `${TIME}hasBeginning`,
  inXSDDate: `${TIME}inXSDDate`,
  fiscalYearLabel: `${JPP}fiscalYearLabel`,
  yearLabel: `${JPP}yearLabel`,
  position: `${SCHEMA}position`,
  value: `${SCHEMA}value`,
  unitText: `${SCHEMA}unitText`,
  hasSource: `${OA}hasSource`,
  hasSelector: `${OA}hasSelector`,
  exact: `${OA}exact`,
  start: `${OA}start`,
  end: `${OA}end`,
  isPartOf: `${DCTERMS}isPartOf`,
  hasPart: `${DCTERMS}hasPart`,
  temporal: `${DCTERMS}temporal`,
  startDate: `${DCAT}startDate`,
  endDate: `${DCAT}endDate`,
  closeMatch: `${SKOS}closeMatch`,
  relatedMatch: `${SKOS}relatedMatch`,
  format: `${DCTERMS}format`,
  publisher: `${DCTERMS}publisher`,
  spatial: `${DCTERMS}spatial`,
  derivedFrom: `${PROV}wasDerivedFrom`,
  series: `${SCHEMA}isPartOf`,
  replaces: `${DCTERMS}replaces`,
  revisionOf: `${PROV}wasRevisionOf`,
} as const;
const P = VIEW_PREDICATES;

const ELEMENT_CLASS_SET: ReadonlySet<string> = new Set(ELEMENT_CLASSES);

/** Sorts SDG goal IRIs by number and everything else after them by IRI. */
export const bySdgNumber = (a: string, b: string): number => {
  const n = (s: string) => (s.startsWith(SDG_GOAL) ? Number(s.slice(SDG_GOAL.length)) : Number.POSITIVE_INFINITY);
  return n(a) - n(b) || (a < b ? -1 : a > b ? 1 : 0);
};

/**
 * Whether a plan is a current edition: no other edition in the view replaces it (or, for a part, its whole). A plan
 * the view does not hold counts as current. What the theme counts and the theme pages' lists compare across
 * municipalities, so that a municipality with several editions weighs once and a replaced edition is not counted as
 * if it were in force.
 */
export const isCurrentPlan = (plans: ReadonlyMap<string, PlanView>, iri: string): boolean => {
  const plan = plans.get(iri);
  const whole = plan?.partOf === undefined ? plan : plans.get(plan.partOf);
  return (whole ?? plan)?.replacedBy.length ? false : true;
};

/**
 * A municipality's source texts, newest first: those of its current editions before those of replaced ones, each group
 * by the latest start of its plans' periods (where the view has them), then by name. The first is what /source/<code>
 * opens.
 */
export const sourcesNewestFirst = (view: Pick<ViewIndex, 'plans'>, municipality: MunicipalityView): string[] => {
  const rank = (file: string) => {
    const plans = municipality.plans.filter((p) => p.sources.includes(file));
    const current = plans.some((p) => isCurrentPlan(view.plans, p.iri));
    const start = plans.map((p) => p.period?.start ?? '').reduce((a, b) => (b > a ? b : a), '');
    return { current, start };
  };
  const ranks = new Map(municipality.sources.map((f) => [f, rank(f)] as const));
  return [...municipality.sources].sort((a, b) => {
    const x = ranks.get(a)!;
    const y = ranks.get(b)!;
    return Number(y.current) - Number(x.current) || (x.start < y.start ? 1 : x.start > y.start ? -1 : 0) || (a < b ? -1 : a > b ? 1 : 0);
  });
};

/** Plan elements of current editions tagged with each theme (indicators excluded), by theme, then by municipality; zeros included. */
const themeCountsOf = (
  themes: readonly ThemeView[],
  municipalities: readonly MunicipalityView[],
  byTheme: ReadonlyMap<string, readonly ElementView[]>,
  plans: ReadonlyMap<string, PlanView>,
) => {
  const counts = new Map<string, Map<string, number>>();
  for (const t of themes) {
    const row = new Map<string, number>(municipalities.map((m) => [m.iri, 0]));
    for (const e of byTheme.get(t.iri) ?? []) if (e.cls !== 'Indicator' && isCurrentPlan(plans, e.plan)) row.set(e.municipality, (row.get(e.municipality) ?? 0) + 1);
    counts.set(t.iri, row);
  }
  return counts;
};

/**
 * The view's look-ups, made outside buildViewIndex so that their closures hold only what they read, never that
 * function's index of every triple (a closure keeps its whole scope's captured variables alive).
 */
const lookups = (
  labelCache: ReadonlyMap<string, Labels>,
  elements: ReadonlyMap<string, ElementView>,
  classes: ReadonlySet<string>,
  definitions: ReadonlyMap<string, readonly Literal[]>,
): Pick<ViewIndex, 'label' | 'isClass' | 'definition' | 'ancestors'> => ({
  label: (iri, lang) => {
    const l = labelCache.get(iri);
    if (!l) return undefined;
    return lang === 'en' ? (l.en ?? l.plain ?? l.ja) : (l.ja ?? l.plain ?? l.en);
  },
  isClass: (iri) => classes.has(iri),
  definition: (iri, lang) => {
    const defs = definitions.get(iri) ?? [];
    return (defs.find((d) => d.language === lang) ?? defs[0])?.value;
  },
  ancestors: (iri) => {
    const out: ElementView[] = [];
    const visited = new Set<string>([iri]);
    for (let p = elements.get(iri)?.parent; p && !visited.has(p); p = elements.get(p)?.parent) {
      visited.add(p);
      const e = elements.get(p);
      if (!e) break;
      out.unshift(e);
    }
    return out;
  },
});

/** `triples`: the dataset's distinct triples (distinctTriples in src/documents). */
export const buildViewIndex = (triples: readonly Quad[], urls: SiteUrls): ViewIndex => {
  const graph = new Map<string, Map<string, Term[]>>();
  for (const q of triples) {
    if (q.subject.termType !== 'NamedNode') continue;
    const o = q.object;
    let props = graph.get(q.subject.value);
    if (!props) graph.set(q.subject.value, (props = new Map()));
    const list = props.get(q.predicate.value);
    if (list) list.push(o);
    else props.set(q.predicate.value, [o]);
  }
  const objects = (s: string, p: string): readonly Term[] => graph.get(s)?.get(p) ?? [];
  const iris = (s: string, p: string) => objects(s, p).filter((t) => t.termType === 'NamedNode').map((t) => t.value).sort();
  const one = (s: string, p: string, lang?: string) => {
    const list = objects(s, p);
    return (lang === undefined ? list[0] : list.find((t) => t.termType === 'Literal' && t.language === lang))?.value;
  };
  // Asked of every subject by each of the loops below: made once per subject.
  const typesOf = new Map<string, string[]>();
  const types = (s: string) => typesOf.get(s) ?? typesOf.set(s, iris(s, P.type)).get(s)!;

  const labelCache = new Map<string, Labels>();
  for (const [s, props] of graph) {
    const entry: { ja?: string; en?: string; plain?: string } = {};
    for (const p of LABEL_PREDICATES)
      for (const t of props.get(p) ?? []) {
        if (t.termType !== 'Literal') continue;
        const slot = t.language === 'ja' ? 'ja' : t.language === 'en' ? 'en' : t.language === '' ? 'plain' : undefined;
        if (slot && entry[slot] === undefined) entry[slot] = t.value;
      }
    if (entry.ja !== undefined || entry.en !== undefined || entry.plain !== undefined) labelCache.set(s, entry);
  }
  const langLabels = (s: string, p: string): Labels => ({ ja: one(s, p, 'ja'), en: one(s, p, 'en'), plain: one(s, p, '') });

  const anchorOf = (selection: string) =>
    (urls.pathOf(selection) ?? selection)
      .replace(/^id\//, '')
      .replace('/plan/', '-')
      .replace('/quote/', '-')
      .replace(/[^A-Za-z0-9-]+/g, '-');
  const sourceFileOf = (iri: string) => (iri.startsWith(urls.sourceText('')) ? iri.slice(urls.sourceText('').length) : undefined);

  // Quoted spans.
  const quotesOf = new Map<string, QuoteView[]>();
  const spansByFile = new Map<string, QuoteView[]>();
  for (const [s, props] of graph)
    for (const kind of QUOTE_KINDS)
      for (const sel of props.get(QUOTE_PROPERTIES[kind]) ?? []) {
        const selection = sel.value;
        const file = sourceFileOf(one(selection, P.hasSource) ?? '');
        let start: number | undefined;
        let end: number | undefined;
        let exact: string | undefined;
        for (const selector of iris(selection, P.hasSelector)) {
          start ??= objects(selector, P.start)[0] ? Number(one(selector, P.start)) : undefined;
          end ??= objects(selector, P.end)[0] ? Number(one(selector, P.end)) : undefined;
          exact ??= one(selector, P.exact);
        }
        if (file === undefined || start === undefined || end === undefined || exact === undefined) continue;
        const quote: QuoteView = { selection, owner: s, what: selection.slice(selection.lastIndexOf('/') + 1), file, start, end, exact, anchor: anchorOf(selection) };
        (quotesOf.get(s) ?? quotesOf.set(s, []).get(s)!).push(quote);
        (spansByFile.get(file) ?? spansByFile.set(file, []).get(file)!).push(quote);
      }
  const kindOrder = (what: string) => (QUOTE_KINDS as readonly string[]).indexOf(what);
  for (const list of quotesOf.values()) list.sort((a, b) => kindOrder(a.what) - kindOrder(b.what));

  const begins = (valueIri: string): string | undefined => {
    const period = iris(valueIri, P.refPeriod)[0];
    const beginning = period === undefined ? undefined : iris(period, P.hasBeginning)[0];
    return beginning === undefined ? undefined : one(beginning, P.inXSDDate);
  };
  const value = (iri: string | undefined): ValueView | undefined => {
    if (!iri) return undefined;
    const v = one(iri, P.value);
    const yearLabel = one(iri, P.yearLabel, 'ja');
    return {
      iri,
      value: v === undefined ? undefined : Number(v),
      unit: one(iri, P.unitText),
      // The fiscal year is an interval; it is shown by the year it begins in (1 April). So is a calendar year (1 January).
      ...(yearLabel === undefined
        ? { fiscalYear: begins(iri)?.slice(0, 4), fiscalYearLabel: one(iri, P.fiscalYearLabel, 'ja') }
        : { year: begins(iri)?.slice(0, 4), yearLabel }),
    };
  };

  // Who revises what (prov:wasRevisionOf, dcterms:replaces), read backwards: the later editions of an element or plan.
  const laterOf = (p: string) => {
    const later = new Map<string, string[]>();
    for (const [s, props] of graph) for (const o of props.get(p) ?? []) if (o.termType === 'NamedNode') (later.get(o.value) ?? later.set(o.value, []).get(o.value)!).push(s);
    for (const list of later.values()) list.sort();
    return later;
  };
  const revisedBy = laterOf(P.revisionOf);
  const replacedBy = laterOf(P.replaces);

  // Plan elements.
  const elements = new Map<string, ElementView>();
  const planOfElement = new Map<string, string>();
  for (const [s] of graph) {
    const cls = types(s)
      .filter((t) => t.startsWith(JPP))
      .map((t) => t.slice(JPP.length))
      .find((l) => ELEMENT_CLASS_SET.has(l)) as ElementClass | undefined;
    const plan = one(s, P.plan);
    const path = urls.pathOf(s);
    if (!cls || !plan || path === undefined) continue;
    planOfElement.set(s, plan);
    elements.set(s, {
      iri: s,
      path,
      cls,
      levelName: one(s, P.levelName, 'ja') ?? '',
      notation: one(s, P.notation),
      label: one(s, P.label, 'ja') ?? s,
      title: one(s, P.title, 'ja'),
      subtitle: one(s, P.subtitle, 'ja'),
      text: one(s, P.description, 'ja'),
      fieldName: one(s, P.fieldName, 'ja'),
      parent: one(s, P.parent),
      plan,
      position: Number(one(s, P.position) ?? 0),
      themes: iris(s, P.theme),
      municipality: one(plan, P.municipality) ?? '',
      baseline: value(one(s, P.baseline)),
      target: value(one(s, P.target)),
      direction: one(s, P.desiredDirection),
      revisionOf: iris(s, P.revisionOf),
      revisedBy: revisedBy.get(s) ?? [],
    });
  }
  const inOrder = (a: ElementView, b: ElementView) => (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : a.position - b.position);
  const children = new Map<string, ElementView[]>();
  const elementsOfPlan = new Map<string, ElementView[]>();
  const byTheme = new Map<string, ElementView[]>();
  for (const e of [...elements.values()].sort(inOrder)) {
    if (e.parent) (children.get(e.parent) ?? children.set(e.parent, []).get(e.parent)!).push(e);
    (elementsOfPlan.get(e.plan) ?? elementsOfPlan.set(e.plan, []).get(e.plan)!).push(e);
    for (const t of e.themes) (byTheme.get(t) ?? byTheme.set(t, []).get(t)!).push(e);
  }

  // Plans and parts.
  const plans = new Map<string, PlanView>();
  for (const [s] of graph) {
    if (!types(s).includes(`${JPP}Plan`)) continue;
    const path = urls.pathOf(s);
    if (path === undefined) continue;
    const partOf = one(s, P.isPartOf);
    const periodIri = one(s, P.temporal);
    plans.set(s, {
      iri: s,
      path,
      labels: labelCache.get(s) ?? {},
      titles: langLabels(s, P.title),
      description: one(s, P.description, 'ja'),
      municipality: one(s, P.municipality) ?? (partOf ? one(partOf, P.municipality) : undefined) ?? '',
      partOf,
      parts: iris(s, P.hasPart),
      series: one(s, P.series),
      replaces: iris(s, P.replaces),
      replacedBy: replacedBy.get(s) ?? [],
      period: periodIri
        ? { label: one(periodIri, P.label, 'ja') ?? '', start: one(periodIri, P.startDate), end: one(periodIri, P.endDate) }
        : undefined,
      sources: iris(s, P.derivedFrom)
        .map(sourceFileOf)
        .filter((f): f is string => f !== undefined),
      elements: elementsOfPlan.get(s) ?? [],
    });
  }

  // Municipalities.
  const municipalities: MunicipalityView[] = [];
  for (const [s] of graph) {
    if (!types(s).includes(`${JPP}Municipality`)) continue;
    const own = [...plans.values()].filter((p) => p.municipality === s && !p.partOf);
    municipalities.push({
      iri: s,
      code: one(s, P.identifier) ?? '',
      labels: labelCache.get(s) ?? {},
      plans: own,
      sources: [...new Set(own.flatMap((p) => p.sources))].sort(),
      spatial: one(s, P.spatial),
    });
  }
  municipalities.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  // Themes.
  const themeBase = `${urls.themeScheme()}/`;
  const themes: ThemeView[] = [];
  for (const [s] of graph) {
    if (!types(s).includes(`${JPP}Theme`) || !s.startsWith(themeBase)) continue;
    themes.push({
      iri: s,
      id: s.slice(themeBase.length),
      notation: one(s, P.notation) ?? '',
      definitions: langLabels(s, P.definition),
      closeMatch: iris(s, P.closeMatch).sort(bySdgNumber),
      relatedMatch: iris(s, P.relatedMatch).sort(bySdgNumber),
    });
  }
  themes.sort((a, b) => (a.notation < b.notation ? -1 : a.notation > b.notation ? 1 : 0));

  // What the heatmap cells count, made once for every page that shows these counts.
  const themeCounts = themeCountsOf(themes, municipalities, byTheme, plans);

  const elementCounts = new Map(
    [...elementsOfPlan].map(([plan, list]) => {
      const counts = new Map<string, number>();
      for (const e of list) counts.set(e.cls, (counts.get(e.cls) ?? 0) + 1);
      return [plan, counts] as const;
    }),
  );

  // Source texts.
  const sources = new Map<string, SourceView>();
  for (const [s] of graph) {
    const file = sourceFileOf(s);
    if (file === undefined || !types(s).includes(`${JPP}SourceText`)) continue;
    const quotes = (spansByFile.get(file) ?? []).sort((a, b) => a.start - b.start || b.end - a.end || (a.anchor < b.anchor ? -1 : 1));
    sources.set(file, { iri: s, file, format: one(s, P.format) ?? 'text/plain; charset=utf-8', publisher: one(s, P.publisher), quotes });
  }

  // What a page looks up about the ontology's terms (whether a class, its definition): kept apart, so that the view
  // does not hold the index of every triple it was made from (three quarters of its heap, measured).
  const classes = new Set<string>();
  const definitions = new Map<string, Literal[]>();
  for (const [s, props] of graph) {
    if (types(s).includes(`${OWL}Class`)) classes.add(s);
    const defs = (props.get(P.definition) ?? []).filter((t): t is Literal => t.termType === 'Literal');
    if (defs.length > 0) definitions.set(s, defs);
  }

  return {
    elements,
    children,
    plans,
    municipalities,
    themes,
    sources,
    quotesOf,
    quoteBySelection: new Map([...quotesOf.values()].flat().map((q) => [q.selection, q])),
    byTheme,
    themeCounts,
    elementCounts,
    ...lookups(labelCache, elements, classes, definitions),
  };
};

/** The view of a graph that holds no plan data (the vocabulary: classes, themes, goals), made once, and its subjects. */
export interface BaseView {
  readonly view: ViewIndex;
  readonly subjects: ReadonlySet<string>;
}

const subjectsOf = (triples: readonly Quad[]): Set<string> => new Set(triples.flatMap((q) => (q.subject.termType === 'NamedNode' ? [q.subject.value] : [])));

/** The base view of `triples` (distinct), or undefined when they hold plan data, which a layered view could not add to. */
export const baseView = (triples: readonly Quad[], urls: SiteUrls): BaseView | undefined => {
  const view = buildViewIndex(triples, urls);
  const planData = view.elements.size + view.plans.size + view.municipalities.length + view.sources.size + view.quotesOf.size;
  return planData === 0 ? { view, subjects: subjectsOf(triples) } : undefined;
};

/**
 * buildViewIndex([...base's triples, ...triples]) without indexing the base again: when `triples` (distinct) describe
 * none of the base's subjects, every part of the view comes from one side alone (the base's themes and labels, the
 * triples' plan data) and only the theme counts join both. Otherwise undefined: the caller builds the whole view.
 */
export const layeredViewIndex = (base: BaseView, triples: readonly Quad[], urls: SiteUrls): ViewIndex | undefined => {
  const own = subjectsOf(triples);
  for (const s of own) if (base.subjects.has(s)) return undefined;
  const top = buildViewIndex(triples, urls);
  if (top.themes.length > 0) return undefined;
  const under = base.view;
  return {
    ...top,
    themes: under.themes,
    themeCounts: themeCountsOf(under.themes, top.municipalities, top.byTheme, top.plans),
    label: (iri, lang) => (own.has(iri) ? top.label(iri, lang) : under.label(iri, lang)),
    isClass: (iri) => (own.has(iri) ? top.isClass(iri) : under.isClass(iri)),
    definition: (iri, lang) => (own.has(iri) ? top.definition(iri, lang) : under.definition(iri, lang)),
  };
};
