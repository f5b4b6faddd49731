from django.conf import settings

from .languages import is_public_path, language_choices, switch_next


def navigation(request):
    user = getattr(request, "user", None)
    organisation = getattr(user, "organisation", None) if user and user.is_authenticated else None
    return {
        "current_organisation": organisation,
        # The one language switcher of base.html: the staff or the public languages.
        "language_choices": language_choices(request.path_info),
        "language_next": switch_next(request),
        "public_page": is_public_path(request.path_info),
        "two_factor_required": settings.OPENOPVANG_TWO_FACTOR_REQUIRED,
    }
