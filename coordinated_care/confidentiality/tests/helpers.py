from coordinated_care.confidentiality.service import scan


def found(text, type=None, action=None):
    """The pieces of `text` the guard reports, optionally only of one type or action."""
    return [
        text[f.start : f.end]
        for f in scan(text)
        if (type is None or f.type == type) and (action is None or f.action == action)
    ]


def interrupting(text):
    return [text[f.start : f.end] for f in scan(text) if f.action in ("block", "confirm")]
