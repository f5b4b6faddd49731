"""Letters pages, one module per record kind."""

from .batches import BatchCreateView, BatchDetailView, BatchPdfView
from .persons import PersonLetterView, SentLetterPdfView
from .templates import TemplateDetailView, TemplateEditView, TemplateListView, TemplatePreviewView

__all__ = [
    "BatchCreateView",
    "BatchDetailView",
    "BatchPdfView",
    "PersonLetterView",
    "SentLetterPdfView",
    "TemplateDetailView",
    "TemplateEditView",
    "TemplateListView",
    "TemplatePreviewView",
]
