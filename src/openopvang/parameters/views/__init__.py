"""The parameter pages, one module per record kind: the values with their
sources, loads of a year of values from a file, and the public list."""

from .loading import LoadDetailView, LoadListView, LoadUploadView
from .public import public_parameters
from .values import ParameterFormView, ParameterListView

__all__ = [
    "LoadDetailView",
    "LoadListView",
    "LoadUploadView",
    "ParameterFormView",
    "ParameterListView",
    "public_parameters",
]
