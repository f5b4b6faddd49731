"""The finance officer's pages, one module per record kind: a year's
declaration (`declarations`: live draft, exports, submit, correct), a
submitted version (`versions`), the drill-down from totals to lines to
locations and persons (`drilldown`), cost lines (`cost_lines`), the
actual-cost choice (`year_settings`), the advance (`advances`) and the
national totals (`national`). Re-exported here for urls.py."""

from .advances import AdvanceRequestView
from .common import FORMATS, check_year, year_choices
from .cost_lines import CostLineCreateView, CostLineUpdateView
from .declarations import (
    CorrectView,
    ExportView,
    IndexView,
    SubmitView,
    YearView,
)
from .drilldown import LinesView, LineView
from .national import NationalProgressView, NationalView, national_summary
from .versions import VersionView
from .year_settings import YearSettingsView

__all__ = [
    "FORMATS",
    "AdvanceRequestView",
    "CorrectView",
    "CostLineCreateView",
    "CostLineUpdateView",
    "ExportView",
    "IndexView",
    "LineView",
    "LinesView",
    "NationalProgressView",
    "NationalView",
    "SubmitView",
    "VersionView",
    "YearSettingsView",
    "YearView",
    "check_year",
    "national_summary",
    "year_choices",
]
