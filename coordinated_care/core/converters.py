"""The file formats a download's address may name, as URL converters for the whole site (Django
registers converters site-wide): importing this module registers them.

    document_format  docx | pdf     a document (role profiles' job descriptions, plans)
    sheet_format     csv | xlsx     a table of figures (training needs, dashboards)
    export_format    pdf | xlsx     a profile's export
"""

from django.urls import register_converter


class DocumentFormat:
    regex = "docx|pdf"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class SheetFormat(DocumentFormat):
    regex = "csv|xlsx"


class ExportFormat(DocumentFormat):
    regex = "pdf|xlsx"


register_converter(DocumentFormat, "document_format")
register_converter(SheetFormat, "sheet_format")
register_converter(ExportFormat, "export_format")
