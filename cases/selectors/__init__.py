"""Reads: each selector returns only what the given user may see."""
