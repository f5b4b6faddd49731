"""Router registrations of the letters API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("letter-templates", viewsets.LetterTemplateViewSet, basename="letter-template")
    router.register("sent-letters", viewsets.SentLetterViewSet, basename="sent-letter")
    router.register("letter-batches", viewsets.LetterBatchViewSet, basename="letter-batch")
    router.register("letter-previews", viewsets.LetterPreviewViewSet, basename="letter-preview")
