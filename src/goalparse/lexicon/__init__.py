"""The text knowledge: reference data from schemas/, normalising, labels, the taxonomy and the value grammar.

Every decoding step may import these; they import nothing of the steps.
"""
