"""Reading inputs: bytes and files to text, PDFs to positioned cells, bounds for untrusted input."""
