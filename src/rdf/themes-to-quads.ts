// Turns the shared theme scheme and the SSDS field scheme into quads of the vocabulary graph (pure).
import type { Quad } from 'n3';
import type { ThemeScheme } from '../plan/model.ts';
import { GraphWriter, str } from './terms.ts';
import { sdgGoal, type Iris } from './uris.ts';
import { DCTERMS, jpp, RDFS, SKOS } from './vocab.ts';

export const themesToQuads = (scheme: ThemeScheme, uri: Iris): Quad[] => {
  const g = new GraphWriter(uri.vocabularyGraph());
  const schemeIri = uri.themeScheme();
  g.type(schemeIri, SKOS + 'ConceptScheme')
    .localized(schemeIri, SKOS + 'prefLabel', scheme.label)
    .localized(schemeIri, DCTERMS + 'title', scheme.label)
    .localized(schemeIri, SKOS + 'definition', scheme.definition);

  const ssdsIri = uri.ssdsScheme();
  g.type(ssdsIri, SKOS + 'ConceptScheme')
    .localized(ssdsIri, SKOS + 'prefLabel', scheme.ssds.label)
    .localized(ssdsIri, DCTERMS + 'title', scheme.ssds.label);
  for (const f of scheme.ssds.fields) {
    const iri = uri.ssdsField(f.notation);
    g.add(ssdsIri, SKOS + 'hasTopConcept', iri);
    g.type(iri, SKOS + 'Concept')
      .add(iri, SKOS + 'inScheme', ssdsIri)
      .add(iri, SKOS + 'topConceptOf', ssdsIri)
      .add(iri, SKOS + 'notation', str(f.notation))
      .localized(iri, SKOS + 'prefLabel', f.label);
  }

  // Display labels for the UN's SDG goal resources we link to. The UN's SDG KOS gives each goal its own
  // skos:prefLabel; a second one in the same language would break SKOS integrity (S14) for anyone merging both,
  // so ours are rdfs:label. (Their notation is the goal number.)
  for (const goal of scheme.sdgGoals) {
    const iri = sdgGoal(goal.n);
    g.add(iri, SKOS + 'notation', str(String(goal.n)))
      .localized(iri, RDFS + 'label', goal.label);
  }

  for (const t of scheme.themes) {
    const iri = uri.theme(t.id);
    g.add(schemeIri, SKOS + 'hasTopConcept', iri);
    g.type(iri, SKOS + 'Concept', jpp('Theme'))
      .add(iri, SKOS + 'inScheme', schemeIri)
      .add(iri, SKOS + 'topConceptOf', schemeIri)
      .add(iri, SKOS + 'notation', str(t.notation))
      .localized(iri, SKOS + 'prefLabel', t.label)
      .localized(iri, SKOS + 'definition', t.definition);
    t.sdg.close.forEach((n) => g.add(iri, SKOS + 'closeMatch', sdgGoal(n)));
    t.sdg.related.forEach((n) => g.add(iri, SKOS + 'relatedMatch', sdgGoal(n)));
    t.ssds.close.forEach((f) => g.add(iri, SKOS + 'closeMatch', uri.ssdsField(f)));
    t.ssds.related.forEach((f) => g.add(iri, SKOS + 'relatedMatch', uri.ssdsField(f)));
  }
  return g.quads;
};
