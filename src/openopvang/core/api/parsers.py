"""The API's JSON parser: DRF's, with a nesting limit. No request body of
this API nests deeper than a few levels; a body of thousands of nested
arrays made Python's JSON decoder give up with a RecursionError (a 500).
Now it is a 400 `parse_error` problem, whatever the endpoint."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def _depth(value) -> int:
    """The nesting depth of a decoded JSON value, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            items = item.values()
        elif isinstance(item, list):
            items = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in items)
    return deepest


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
        else:
            if _depth(data) <= MAX_DEPTH:
                return data
        raise ParseError(f"JSON parse error - the body nests deeper than {MAX_DEPTH} levels.")
