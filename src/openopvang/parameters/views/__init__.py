"""The parameter pages, one module per record kind."""

from .loading import LoadDetailView, LoadListView, LoadUploadView
from .values import ParameterFormView, ParameterListView

__all__ = [
    "LoadDetailView",
    "LoadListView",
    "LoadUploadView",
    "ParameterFormView",
    "ParameterListView",
]
