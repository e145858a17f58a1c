"""Reads the running site with Python's RDF and SPARQL clients (rdflib, SPARQLWrapper) and prints what they saw as JSON."""
import json
import sys
import urllib.request

import rdflib
from rdflib import Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

base = sys.argv[1]
JPP = Namespace("https://w3id.org/jp-plan/def#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
measure = URIRef(base + "id/132101/plan/dai5ji-kihon-koso/measure/12")
out = {}


def fetch(url, accept):
    return urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept})).read()


# rdflib dereferences the IRI itself: it sends its own Accept header and follows the 303.
g = rdflib.Graph()
g.parse(str(measure))
out["deref"] = {"triples": len(g), "hasPlan": (measure, JPP.plan, None) in g}

for ext, fmt in [("ttl", "turtle"), ("nt", "nt"), ("rdf", "xml"), ("jsonld", "json-ld")]:
    g = rdflib.Graph()
    g.parse(base + "data/id/132101/plan/dai5ji-kihon-koso/measure/12." + ext, format=fmt)
    out["doc_" + ext] = len(g)

for accept, fmt in [("text/turtle", "turtle"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")]:
    g = rdflib.Graph()
    g.parse(data=fetch(base + "catalog", accept), format=fmt)
    out["catalog_" + fmt] = {
        "triples": len(g),
        "datasets": len(set(g.subjects(rdflib.RDF.type, DCAT.Dataset))),
        "downloadURLs": len(set(g.objects(None, DCAT.downloadURL))),
    }

g = rdflib.Graph()
g.parse(data=fetch(base + ".well-known/void", "application/rdf+xml"), format="xml")
out["void_triples"] = len(g)

s = SPARQLWrapper(base + "sparql")
s.setQuery("PREFIX jpp: <https://w3id.org/jp-plan/def#> SELECT (COUNT(?m) AS ?n) WHERE { ?m a jpp:Measure }")
s.setReturnFormat(JSON)
out["select_json"] = s.query().convert()["results"]["bindings"][0]["n"]["value"]
s.setReturnFormat(XML)
out["select_xml"] = s.query().convert().getElementsByTagName("literal")[0].firstChild.data
s.setReturnFormat(CSV)
out["select_csv"] = s.query().convert().decode("utf-8")
s.setMethod("POST")
s.setReturnFormat(JSON)
out["select_post"] = s.query().convert()["results"]["bindings"][0]["n"]["value"]
s.setMethod("GET")
s.setQuery("CONSTRUCT { ?m a <https://w3id.org/jp-plan/def#Measure> } WHERE { ?m a <https://w3id.org/jp-plan/def#Measure> }")
s.setReturnFormat(TURTLE)
g = rdflib.Graph()
g.parse(data=s.query().convert(), format="turtle")
out["construct"] = len(g)
s.setQuery("ASK { ?s a <https://w3id.org/jp-plan/def#Indicator> }")
s.setReturnFormat(JSON)
out["ask"] = s.query().convert()["boolean"]

store = rdflib.Graph(store=SPARQLStore(base + "sparql"))
out["sparqlstore_plans"] = len(list(store.query("SELECT ?p WHERE { ?p a <https://w3id.org/jp-plan/def#Plan> }")))

print(json.dumps(out))
