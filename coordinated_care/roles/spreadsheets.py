"""CSV and XLSX downloads, written one way. A text cell that a spreadsheet would read as a formula
(it starts with =, +, -, @ or a tab or carriage return: a person's name can) is written with a
leading apostrophe, so that opening a download never runs anything."""

import csv
import io

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(head, rows, filename):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    writer.writerows([safe(cell) for cell in row] for row in rows)
    return _attachment(HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8"), filename)


def xlsx_response(title, head, rows, filename):
    from openpyxl import Workbook  # imported here: only downloads need it

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(head)
    for row in rows:
        sheet.append([safe(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return _attachment(HttpResponse(out.getvalue(), content_type=XLSX), filename)
