"""studio: the backend of a sparse-autoencoder training studio (models, datasets, templates)."""
