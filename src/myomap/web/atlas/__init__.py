"""The knowledge base on the web: muscle guides, the muscle index and the JSON API over
regions, findings, muscles and the engine."""
