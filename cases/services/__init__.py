"""Writes: each public function is one use case in one transaction."""
