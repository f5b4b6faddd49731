"""Read what a person sees on a page, for tests: amounts sit in no-wrap spans
and links, so a test of the words must not depend on the markup around them."""

import html
import re

_TAG = re.compile(r"<[^>]+>")
_HIDDEN = re.compile(r"<(script|style|head)\b.*?</\1>", re.S | re.I)


def page_text(page) -> str:
    """The visible text of an HTML page (a response or its text), tags dropped
    and runs of whitespace folded to one space."""
    if hasattr(page, "content"):
        page = page.content.decode()
    text = _TAG.sub(" ", _HIDDEN.sub(" ", page))
    return " ".join(html.unescape(text).split())
