"""The guard's own evaluation set and its scorer: `make eval-pii` (docs/confidentiality.md)."""
