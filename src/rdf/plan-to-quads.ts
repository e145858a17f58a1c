// Turns one typed plan into the quads of its named graph (pure: no I/O, no clock).
import type { Quad } from 'n3';
import type { Located, Period, Plan, PlanElement, SourceText } from '../plan/model.ts';
import { indicatorCube } from './indicator-cube.ts';
import { date, GraphWriter, integer, ja, nonNegative, str } from './terms.ts';
import { standardAreaCode, type Iris } from './uris.ts';
import { BIBO, DCAT, DCTERMS, FOAF, jpp, OA, OWL, PROV, QUOTE_PROPERTIES, RDFS, SCHEMA, SKOS, VERSION_STATUSES, type QuoteKind } from './vocab.ts';

/**
 * A name as spellings of it compare: NFKC (half-width katakana, full-width letters), without spaces or variation
 * selectors (葛󠄀 is 葛), and the small ヶ and ヵ read as ケ and カ (龍ケ崎市 and 龍ヶ崎市 are one city), as search folds them
 * (src/search/normalize.ts, which this layer may not import); カ and ケ stay apart.
 */
const foldName = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[\s\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu, '')
    .replace(/[ヶヵ]/gu, (c) => (c === 'ヶ' ? 'ケ' : 'カ'));

/** Whether a title already names the municipality, in any of its spellings. */
export const includesName = (title: string, name: string): boolean => foldName(title).includes(foldName(name));

export const planToQuads = (plan: Plan, uri: Iris): Quad[] => {
  const g = new GraphWriter(uri.planGraph(plan.municipality.code, plan.id));
  const planIri = uri.plan(plan.municipality.code, plan.id);
  const municipalityIri = uri.municipality(plan.municipality.code);
  const sourceIri = uri.sourceText(plan.source.file);
  const documentIri = uri.publishedDocument(plan.municipality.code, plan.id);

  /** A text file we keep and publish under /sources/: this project is its publisher, whoever wrote what it holds. */
  function describeSource(source: SourceText, format: string) {
    const iri = uri.sourceText(source.file);
    g.type(iri, jpp('SourceText'))
      .add(iri, RDFS + 'label', str(source.file))
      .add(iri, DCTERMS + 'format', str(format))
      .add(iri, SCHEMA + 'sha256', str(source.sha256))
      .add(iri, DCAT + 'byteSize', nonNegative(source.byteLength))
      .add(iri, DCTERMS + 'publisher', uri.catalogPublisher());
  }

  /** Records where a text stands in its source, as a Web Annotation specific resource with two selectors. */
  const quote = (subject: string, what: QuoteKind, located: Located | undefined) => {
    if (!located) return;
    const selection = uri.selection(subject, what);
    const exact = uri.quoteSelector(selection);
    const position = uri.positionSelector(selection);
    const q = located.quote;
    if (located.document) describeSource(located.document, 'text/markdown; charset=utf-8');
    g.add(subject, QUOTE_PROPERTIES[what], selection);
    g.type(selection, OA + 'SpecificResource')
      .add(selection, OA + 'hasSource', located.document ? uri.sourceText(located.document.file) : sourceIri)
      .add(selection, OA + 'hasSelector', exact)
      .add(selection, OA + 'hasSelector', position);
    g.type(exact, OA + 'TextQuoteSelector')
      .add(exact, OA + 'exact', str(q.exact))
      .add(exact, OA + 'prefix', str(q.prefix))
      .add(exact, OA + 'suffix', str(q.suffix));
    g.type(position, OA + 'TextPositionSelector')
      .add(position, OA + 'start', nonNegative(q.start))
      .add(position, OA + 'end', nonNegative(q.end));
  };

  const period = (owner: string, p: Period | undefined) => {
    if (!p) return;
    const iri = uri.period(owner);
    g.add(owner, DCTERMS + 'temporal', iri);
    g.type(iri, DCTERMS + 'PeriodOfTime')
      .add(iri, RDFS + 'label', ja(p.text.value))
      .add(iri, DCAT + 'startDate', date(`${p.fromFiscalYear}-04-01`))
      .add(iri, DCAT + 'endDate', date(`${p.toFiscalYear + 1}-03-31`));
    quote(iri, 'text', p.text);
  };

  // The municipality and the source text are described in each plan graph that uses them.
  const m = plan.municipality;
  g.type(municipalityIri, jpp('Municipality'))
    .localized(municipalityIri, RDFS + 'label', m.name)
    .localized(municipalityIri, FOAF + 'name', m.name)
    .add(municipalityIri, DCTERMS + 'identifier', str(m.code))
    .add(municipalityIri, SKOS + 'notation', str(m.code))
    .add(municipalityIri, DCTERMS + 'spatial', standardAreaCode(m.areaCode));
  describeSource(plan.source, 'text/plain; charset=utf-8');
  // Our extract says what part of the published document it holds, and is derived from that document, which the
  // municipality wrote (its title only where the source text or the seeds README prints it).
  g.localized(sourceIri, DCTERMS + 'description', plan.coverage).add(sourceIri, PROV + 'wasDerivedFrom', documentIri);
  g.type(documentIri, FOAF + 'Document', DCTERMS + 'BibliographicResource')
    .add(documentIri, DCTERMS + 'creator', municipalityIri)
    .add(documentIri, DCTERMS + 'title', plan.document.title && ja(plan.document.title.value));
  quote(documentIri, 'title', plan.document.title);

  // Labels name the municipality once, whether or not the printed title already does (in whichever spelling).
  const withMunicipality = (title: string) => (includesName(title, m.name.ja) ? title : `${m.name.ja} ${title}`);
  g.type(planIri, jpp('Plan'))
    .localized(planIri, RDFS + 'label', { ja: withMunicipality(plan.title.value), en: plan.titleEn })
    .localized(planIri, DCTERMS + 'title', { ja: plan.title.value, en: plan.titleEn })
    .add(planIri, DCTERMS + 'description', plan.text && ja(plan.text.value))
    .add(planIri, jpp('municipality'), municipalityIri)
    .add(planIri, DCTERMS + 'creator', municipalityIri)
    .add(planIri, DCTERMS + 'publisher', municipalityIri)
    .add(planIri, DCTERMS + 'source', documentIri)
    .add(planIri, DCTERMS + 'spatial', standardAreaCode(m.areaCode))
    .add(planIri, PROV + 'wasDerivedFrom', sourceIri);
  quote(planIri, 'title', plan.title);
  quote(planIri, 'text', plan.text);
  period(planIri, plan.period);

  // The series this plan is an edition of, and the edition's place in it (described in each plan graph, like the
  // municipality). A fact the source text does not print cites the published page that does.
  const seriesIri = uri.planSeries(m.code, plan.series.id);
  g.type(seriesIri, jpp('PlanSeries'))
    .localized(seriesIri, RDFS + 'label', plan.series.title)
    .localized(seriesIri, DCTERMS + 'title', plan.series.title)
    .add(seriesIri, jpp('municipality'), municipalityIri)
    .add(seriesIri, SCHEMA + 'hasPart', planIri);
  g.add(planIri, SCHEMA + 'isPartOf', seriesIri)
    .add(planIri, BIBO + 'edition', plan.edition.number === undefined ? undefined : str(String(plan.edition.number)))
    .add(planIri, PROV + 'hadPrimarySource', plan.edition.evidence);
  quote(planIri, 'edition', plan.edition.text);

  // The version the source text was taken from (an expression of the edition, in FRBR terms).
  const v = plan.version;
  const versionIri = uri.planVersion(planIri, v.status);
  const dated = v.date === undefined ? undefined : date(v.date);
  g.add(planIri, DCTERMS + 'hasVersion', versionIri);
  g.type(versionIri, jpp('PlanVersion'))
    .localized(versionIri, RDFS + 'label', {
      ja: `${withMunicipality(plan.title.value)}（${{ draft: '案', adopted: '議決・策定版', published: '公表版' }[v.status]}）`,
      en: `${plan.titleEn} (${v.status} version)`,
    })
    .add(versionIri, DCTERMS + 'isVersionOf', planIri)
    .add(versionIri, BIBO + 'status', jpp(VERSION_STATUSES[v.status]))
    .add(versionIri, v.status === 'adopted' ? DCTERMS + 'dateAccepted' : DCTERMS + 'issued', dated)
    .add(versionIri, PROV + 'hadPrimarySource', v.evidence);
  quote(versionIri, 'text', v.text);
  // The published document our text was extracted from embodies this version (FRBR: manifestation of an expression).
  g.add(versionIri, DCTERMS + 'hasFormat', documentIri);

  // Lineage: the edition this one replaces.
  const previousIri = plan.replaces === undefined ? undefined : uri.plan(m.code, plan.replaces);
  if (previousIri) g.add(planIri, DCTERMS + 'replaces', previousIri).add(planIri, PROV + 'wasRevisionOf', previousIri);

  // IRIs published before the edition key was part of them name the same resources: owl:sameAs for SPARQL users
  // (the server answers them with 301 to the new IRIs).
  const renamed = (oldPlanIri: string) => {
    g.add(oldPlanIri, OWL + 'sameAs', planIri);
    for (const part of plan.parts) g.add(uri.planPart(oldPlanIri, part.id), OWL + 'sameAs', uri.planPart(planIri, part.id));
    for (const e of plan.elements) g.add(uri.element(oldPlanIri, e.id), OWL + 'sameAs', uri.element(planIri, e.id));
  };
  plan.formerIds.forEach((id) => renamed(uri.plan(m.code, id)));

  for (const part of plan.parts) {
    const partIri = uri.planPart(planIri, part.id);
    g.add(planIri, DCTERMS + 'hasPart', partIri);
    g.type(partIri, jpp('Plan'))
      .add(partIri, DCTERMS + 'isPartOf', planIri)
      .localized(partIri, RDFS + 'label', { ja: withMunicipality(part.title.value), en: part.titleEn })
      .localized(partIri, DCTERMS + 'title', { ja: part.title.value, en: part.titleEn })
      .add(partIri, DCTERMS + 'description', part.text && ja(part.text.value))
      .add(partIri, DCTERMS + 'source', documentIri)
      .add(partIri, PROV + 'wasDerivedFrom', sourceIri);
    quote(partIri, 'title', part.title);
    quote(partIri, 'text', part.text);
    period(partIri, part.period);
  }

  const element = (e: PlanElement) => {
    const iri = uri.element(planIri, e.id);
    g.type(iri, jpp(e.type))
      .add(iri, RDFS + 'label', ja((e.title ?? e.text)!.value))
      .add(iri, DCTERMS + 'title', e.title && ja(e.title.value))
      .add(iri, jpp('subtitle'), e.subtitle && ja(e.subtitle.value))
      .add(iri, DCTERMS + 'description', e.text && ja(e.text.value))
      .add(iri, jpp('levelName'), ja(e.level))
      .add(iri, SKOS + 'notation', e.number === undefined ? undefined : str(e.number))
      .add(iri, jpp('fieldName'), e.field && ja(e.field.value))
      .add(iri, jpp('plan'), planIri)
      .add(iri, jpp('parent'), e.parent === undefined ? undefined : uri.element(planIri, e.parent))
      .add(iri, SCHEMA + 'position', integer(e.position))
      .add(iri, PROV + 'wasDerivedFrom', sourceIri);
    e.themes.forEach((t) => g.add(iri, jpp('theme'), uri.theme(t)));
    if (previousIri && e.continues !== undefined) g.add(iri, PROV + 'wasRevisionOf', uri.element(previousIri, e.continues));
    quote(iri, 'title', e.title);
    quote(iri, 'subtitle', e.subtitle);
    quote(iri, 'text', e.text);
    quote(iri, 'field', e.field);
  };
  plan.elements.forEach(element);

  // Indicators, their values as Data Cube observations and the fiscal years they refer to (src/rdf/indicator-cube.ts).
  const planLabel = { ja: withMunicipality(plan.title.value), en: plan.titleEn };
  indicatorCube(
    { g, uri, planIri, planLabel, areaCode: m.areaCode, sourceIri, quote },
    plan.elements.filter((e) => e.type === 'Indicator').map((e) => ({ iri: uri.element(planIri, e.id), element: e })),
  );
  return g.quads;
};
