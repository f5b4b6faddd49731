"""The parameter pages, one module per record kind."""

from .public import public_parameters
from .values import ParameterFormView, ParameterListView

__all__ = ["ParameterFormView", "ParameterListView", "public_parameters"]
