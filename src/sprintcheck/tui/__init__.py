"""The interactive review: the only package that imports Textual."""
