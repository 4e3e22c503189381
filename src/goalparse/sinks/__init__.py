"""Sinks: the database, its row form, and the review report."""
