"""Atom feeds (Django's syndication framework) per language: the sent
newsletter issues, and the help content that changed (topic answers and
documents). Channels such as Telegram can follow a feed."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors
from .models import CONTENT_LANGUAGES, TopicText


class _LanguageFeed(Feed):
    feed_type = Atom1Feed
    isolation_public = True

    def get_object(self, request, lang):
        if lang not in dict(CONTENT_LANGUAGES):
            raise Http404(_("This language is not offered."))
        translation.activate(lang)
        return lang


class NewsletterFeed(_LanguageFeed):
    def title(self, lang):
        return _("Newsletter on the reception of displaced persons from Ukraine")

    def link(self, lang):
        return reverse("help_public:newsletter") + f"?lang={lang}"

    def subtitle(self, lang):
        return _("The monthly newsletter for municipalities, safety regions and NGOs.")

    def items(self, lang):
        return selectors.sent_issues(lang)[:30]

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        return item.body

    def item_link(self, item):
        return (
            reverse("help_public:newsletter_issue", kwargs={"pk": item.pk})
            + f"?lang={item.language}"
        )

    def item_pubdate(self, item):
        return item.sent_at

    def item_updateddate(self, item):
        return item.sent_at


class ChangesFeed(_LanguageFeed):
    def title(self, lang):
        return _("Changes to the help pages and documents")

    def link(self, lang):
        return reverse("help_public:index") + f"?lang={lang}"

    def subtitle(self, lang):
        return _("Answers and documents that were added or changed.")

    def items(self, lang):
        return selectors.changed_content(lang)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.answer if isinstance(item, TopicText) else item.summary

    def item_link(self, item):
        if isinstance(item, TopicText):
            return (
                reverse("help_public:topic", kwargs={"code": item.topic.code})
                + f"?lang={item.language}"
            )
        return (
            reverse("help_public:documents") + f"?lang={item.language}#document-{item.document_id}"
        )

    def item_guid(self, item):
        return f"{item._meta.label_lower}-{item.pk}-{item.updated_at:%Y%m%d%H%M%S}"

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.updated_at
