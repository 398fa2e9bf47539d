class AuditError(RuntimeError):
    """The audit trail refused something: altering an event, or an audited write it cannot record."""
