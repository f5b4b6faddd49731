from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import Agency, FeedPost, Topic


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    """Changed through the editor's pages only."""

    list_display = ["name", "email"]


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ["code", "audience", "agency"]


@admin.register(FeedPost)
class FeedPostAdmin(ReadOnlyAdmin):
    """What the channels (Telegram) posted from which feed, for the operator."""

    list_display = ["channel", "feed_url", "entry_id", "published", "external_id", "created_at"]
    list_filter = ["channel", "published"]
