// The IRIs of the graph contract (shared/ontology-contract.md), in one place.
#pragma once

#include <string_view>

namespace newskg::vocab {

inline constexpr std::string_view kNkg = "https://w3id.org/newskg/ontology#";
inline constexpr std::string_view kNif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
inline constexpr std::string_view kProv = "http://www.w3.org/ns/prov#";
inline constexpr std::string_view kDcterms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kSem = "http://semanticweb.cs.vu.nl/2009/11/sem/";
inline constexpr std::string_view kWd = "http://www.wikidata.org/entity/";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kOwl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";

inline constexpr std::string_view kDefaultBase = "https://w3id.org/newskg/id/";

struct Prefix {
  std::string_view name;
  std::string_view iri;
};

// Prefixes written at the top of Turtle and TriG output, in this order.
inline constexpr Prefix kPrefixes[] = {
    {"nkg", kNkg},   {"nif", kNif},   {"prov", kProv}, {"dcterms", kDcterms},
    {"wd", kWd},     {"rdf", kRdf},   {"rdfs", kRdfs}, {"owl", kOwl},
    {"xsd", kXsd},
};

}  // namespace newskg::vocab
