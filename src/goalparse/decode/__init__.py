"""Decoding cells into tables: the steps from a token stream to placed indicator rows and header fields."""
