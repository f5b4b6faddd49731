"""The finance officer's pages, one module per record kind: payment runs, the
municipal policy, the eigen bijdrage collection list with maatwerk reductions.
Thin: computations in allowances.runs, .collection and .selectors, changes
in allowances.services."""

from .collection import CollectionExportView, CollectionView
from .policy import PolicyView
from .reductions import ReductionCreateView, ReductionDeleteView
from .runs import IndexView, RunActionView, RunCreateView, RunDetailView, RunExportView

__all__ = [
    "CollectionExportView",
    "CollectionView",
    "IndexView",
    "PolicyView",
    "ReductionCreateView",
    "ReductionDeleteView",
    "RunActionView",
    "RunCreateView",
    "RunDetailView",
    "RunExportView",
]
