"""Adapters that know nothing of ads: database, crypto, clock, ids."""
