"""The national casework figures (/reports/national/casework/): open cases
per municipality and situation, protected by reports.disclosure, with the
same numbers as CSV and XLSX. No person is shown and nothing drills down, so
no read is audited (ADR 0004)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from openopvang.core import formatting
from openopvang.core.documents import (
    CSV,
    XLSX,
    append_row,
    csv_text,
    file_response,
    new_workbook,
    xlsx_bytes,
)

from ..casework_national import (
    CSV_HEADER,
    DISCLOSURE_NOTE,
    casework_tables,
    column_labels,
    csv_rows,
)
from .national import NationalMixin


class NationalCaseworkView(NationalMixin, TemplateView):
    template_name = "reports/national_casework.html"

    def get_context_data(self, **kwargs):
        form, day = self.day()
        return super().get_context_data(
            form=form,
            tables=casework_tables(day),
            labels=column_labels(),
            disclosure_note=DISCLOSURE_NOTE,
            **kwargs,
        )


class NationalCaseworkDownloadView(NationalMixin, View):
    """The page's table as CSV (situation codes as headers, for machines) or
    XLSX (the headers in the reader's language)."""

    kind = "csv"

    def get(self, request):
        _form, day = self.day()
        tables = casework_tables(day)
        name = f"zaken-derdelanders-{day.isoformat()}"
        if self.kind == "csv":
            return file_response(
                csv_text(CSV_HEADER, csv_rows(tables)), content_type=CSV, filename=f"{name}.csv"
            )
        book = new_workbook(_("Casework"))
        sheet = book.active
        append_row(
            sheet,
            [
                _("Open cases per municipality and situation on %(day)s")
                % {"day": formatting.long_date(day, get_language())}
            ],
            bold=True,
        )
        append_row(sheet, [_("Municipality code"), _("Municipality"), *column_labels()], bold=True)
        for row in tables.municipalities:
            append_row(sheet, [row.code, row.name, *row.values])
        append_row(
            sheet, [tables.country.code, tables.country.name, *tables.country.values], bold=True
        )
        append_row(sheet, [])
        append_row(sheet, [str(DISCLOSURE_NOTE)])
        return file_response(xlsx_bytes(book), content_type=XLSX, filename=f"{name}.xlsx")
