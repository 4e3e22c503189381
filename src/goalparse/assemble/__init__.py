"""Building records: placed rows and header fields -> validated Table records, and their consistency checks."""
