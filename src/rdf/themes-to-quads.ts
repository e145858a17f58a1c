// Turns the shared theme scheme and the SSDS field scheme into quads of the vocabulary graph (pure).
import type { Quad } from 'n3';
import type { ThemeScheme } from '../plan/model.ts';
import { en, GraphWriter, ja, str } from './terms.ts';
import { sdgGoal, type Iris } from './uris.ts';
import { DCTERMS, jpp, SKOS } from './vocab.ts';

export const themesToQuads = (scheme: ThemeScheme, uri: Iris): Quad[] => {
  const g = new GraphWriter(uri.vocabularyGraph());
  const schemeIri = uri.themeScheme();
  g.type(schemeIri, SKOS + 'ConceptScheme')
    .add(schemeIri, SKOS + 'prefLabel', ja(scheme.label.ja))
    .add(schemeIri, SKOS + 'prefLabel', en(scheme.label.en))
    .add(schemeIri, DCTERMS + 'title', ja(scheme.label.ja))
    .add(schemeIri, DCTERMS + 'title', en(scheme.label.en))
    .add(schemeIri, SKOS + 'definition', ja(scheme.definition.ja))
    .add(schemeIri, SKOS + 'definition', en(scheme.definition.en));

  const ssdsIri = uri.ssdsScheme();
  g.type(ssdsIri, SKOS + 'ConceptScheme')
    .add(ssdsIri, SKOS + 'prefLabel', ja(scheme.ssds.label.ja))
    .add(ssdsIri, SKOS + 'prefLabel', en(scheme.ssds.label.en))
    .add(ssdsIri, DCTERMS + 'title', ja(scheme.ssds.label.ja))
    .add(ssdsIri, DCTERMS + 'title', en(scheme.ssds.label.en));
  for (const f of scheme.ssds.fields) {
    const iri = uri.ssdsField(f.notation);
    g.add(ssdsIri, SKOS + 'hasTopConcept', iri);
    g.type(iri, SKOS + 'Concept')
      .add(iri, SKOS + 'inScheme', ssdsIri)
      .add(iri, SKOS + 'topConceptOf', ssdsIri)
      .add(iri, SKOS + 'notation', str(f.notation))
      .add(iri, SKOS + 'prefLabel', ja(f.label.ja))
      .add(iri, SKOS + 'prefLabel', en(f.label.en));
  }

  // Display labels for the UN's SDG goal resources we link to (their notation is the goal number).
  for (const goal of scheme.sdgGoals) {
    const iri = sdgGoal(goal.n);
    g.add(iri, SKOS + 'notation', str(String(goal.n)))
      .add(iri, SKOS + 'prefLabel', ja(goal.label.ja))
      .add(iri, SKOS + 'prefLabel', en(goal.label.en));
  }

  for (const t of scheme.themes) {
    const iri = uri.theme(t.id);
    g.add(schemeIri, SKOS + 'hasTopConcept', iri);
    g.type(iri, SKOS + 'Concept', jpp('Theme'))
      .add(iri, SKOS + 'inScheme', schemeIri)
      .add(iri, SKOS + 'topConceptOf', schemeIri)
      .add(iri, SKOS + 'notation', str(t.notation))
      .add(iri, SKOS + 'prefLabel', ja(t.label.ja))
      .add(iri, SKOS + 'prefLabel', en(t.label.en))
      .add(iri, SKOS + 'definition', ja(t.definition.ja))
      .add(iri, SKOS + 'definition', en(t.definition.en));
    t.sdg.close.forEach((n) => g.add(iri, SKOS + 'closeMatch', sdgGoal(n)));
    t.sdg.related.forEach((n) => g.add(iri, SKOS + 'relatedMatch', sdgGoal(n)));
    t.ssds.close.forEach((f) => g.add(iri, SKOS + 'closeMatch', uri.ssdsField(f)));
    t.ssds.related.forEach((f) => g.add(iri, SKOS + 'relatedMatch', uri.ssdsField(f)));
  }
  return g.quads;
};
