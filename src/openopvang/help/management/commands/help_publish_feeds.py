"""Post the new entries of the followed Atom feeds to the configured channels
(Telegram). The scheduler queues this every hour; running it by hand as well does
no harm: every entry goes to a channel once."""

from django.core.management.base import BaseCommand

from openopvang.help.channels import feed_channels, publish_all


class Command(BaseCommand):
    help = "Post new entries of the followed feeds to the configured channels (Telegram)."

    def handle(self, *args, **options):
        if not len(feed_channels):
            self.stdout.write("No channel is configured (OPENOPVANG_TELEGRAM_*).")
            return
        self.stdout.write(f"{publish_all()} post(s) sent.")
