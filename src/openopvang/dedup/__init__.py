"""Duplicates: the same person registered twice despite another spelling (ADR 0015)."""
