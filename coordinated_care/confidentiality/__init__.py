"""The confidentiality guard: nothing that could identify a patient, service user or carer is
written into a portfolio. `scan(text)` is the one service; forms, uploads, the live check and the
management commands all go through it (docs/confidentiality.md)."""
