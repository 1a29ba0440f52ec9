"""Audit: an append-only, hash-chained record of every access to personal data."""
