"""featurelab: the backend of a feature-analysis platform, just after its multi-tokenization
migration (one tokenization per dataset and model) and its API v2 (responses in an envelope)."""
