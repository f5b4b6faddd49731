"""The parameter pages, one module per record kind."""

from .values import ParameterFormView, ParameterListView

__all__ = ["ParameterFormView", "ParameterListView"]
