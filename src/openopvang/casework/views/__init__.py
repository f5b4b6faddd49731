"""Casework pages, one module per record kind."""
