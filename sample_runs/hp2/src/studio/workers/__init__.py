"""Background tasks run by the worker processes (GPU training, downloads, tokenization)."""
