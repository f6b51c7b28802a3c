"""adreel: product page URLs in, short UGC-style video ads out."""

__version__ = "0.1.0"
