"""Resolution: entities with identity, type and provenance, per document and over the corpus."""
