from django.conf import settings

from .middleware import staff_languages


def navigation(request):
    user = getattr(request, "user", None)
    organisation = getattr(user, "organisation", None) if user and user.is_authenticated else None
    return {
        "current_organisation": organisation,
        "staff_languages": staff_languages(),
        "two_factor_required": settings.OPENOPVANG_TWO_FACTOR_REQUIRED,
    }
