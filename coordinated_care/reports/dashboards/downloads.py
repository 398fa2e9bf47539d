"""Dashboard downloads, written the way the role pages write theirs (`roles.spreadsheets`: a
cell a spreadsheet would run as a formula is written as text), with a workbook of several sheets
for the organisation dashboard."""

import io

from django.http import HttpResponse

from coordinated_care.roles.spreadsheets import XLSX, csv_response, safe, xlsx_response

__all__ = ["csv_response", "workbook_response", "xlsx_response"]


def workbook_response(sheets, filename):
    """`sheets`: [(title, head, rows)], one sheet each, in order."""
    from openpyxl import Workbook  # imported here: only downloads need it

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, head, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(head)
        for row in rows:
            sheet.append([safe(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
