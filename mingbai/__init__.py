"""明白账: content model, checks, search index and site build for a Chinese public knowledge site."""

__version__ = "0.1.0"
