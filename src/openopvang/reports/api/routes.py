"""Router registrations of the reports API, called from conf/api_urls.py.
None yet: the figures' endpoints are the next slice of issue 14 (the pages'
CSV and XLSX downloads carry the same numbers meanwhile)."""


def register(router) -> None:
    return None
