"""Scoring the engine on question files: facts found, citations, refusals."""
