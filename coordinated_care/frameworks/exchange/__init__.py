"""Framework exchange: CASE 1.0 JSON and flat CSV, both ways.

export_version(version, format) -> str            format is "case" or "csv"
import_text(text) -> FrameworkVersion              a new draft; raises ImportRefused
"""

from .case import export_case, parse_case
from .csv import export_csv, parse_csv
from .importer import ImportRefused, ParsedFramework, import_parsed

EXPORTERS = {"case": export_case, "csv": export_csv}


def export_version(version, format):
    return EXPORTERS[format](version)


def detect_format(text):
    """CASE packages are JSON objects; anything else is read as CSV."""
    return "case" if text.lstrip("\ufeff \t\r\n").startswith(("{", "[")) else "csv"


def parse(text):
    return parse_case(text) if detect_format(text) == "case" else parse_csv(text)


def import_text(text):
    return import_parsed(parse(text))


__all__ = [
    "EXPORTERS",
    "ImportRefused",
    "ParsedFramework",
    "detect_format",
    "export_case",
    "export_csv",
    "export_version",
    "import_parsed",
    "import_text",
    "parse",
    "parse_case",
    "parse_csv",
]
