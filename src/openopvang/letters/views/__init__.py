"""Letters pages, one module per record kind."""

from .batches import (
    BatchCancelView,
    BatchCreateView,
    BatchDetailView,
    BatchPdfView,
    BatchResendView,
    BatchZipView,
)
from .persons import PersonLetterView, SentLetterPdfView, SentLetterResendView
from .templates import TemplateDetailView, TemplateEditView, TemplateListView, TemplatePreviewView

__all__ = [
    "BatchCancelView",
    "BatchCreateView",
    "BatchDetailView",
    "BatchPdfView",
    "BatchResendView",
    "BatchZipView",
    "PersonLetterView",
    "SentLetterPdfView",
    "SentLetterResendView",
    "TemplateDetailView",
    "TemplateEditView",
    "TemplateListView",
    "TemplatePreviewView",
]
