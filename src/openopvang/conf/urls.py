from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

handler403 = "openopvang.core.views.permission_denied"
handler404 = "openopvang.core.views.page_not_found"
handler500 = "openopvang.core.views.server_error"

urlpatterns = [
    path("healthz", lambda request: HttpResponse("ok", content_type="text/plain"), name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("openopvang.accounts.urls")),
    path("audit/", include("openopvang.audit.urls")),
    path("api/v1/", include("openopvang.conf.api_urls")),
    path("registry/", include("openopvang.registry.urls")),
    path("rules/", include("openopvang.parameters.urls")),
    path("declarations/", include("openopvang.declarations.urls")),
    path("allowances/", include("openopvang.allowances.urls")),
    path("support/", include("openopvang.support.urls")),
    path("casework/", include("openopvang.casework.urls")),
    path("reports/", include("openopvang.reports.urls")),
    path("letters/", include("openopvang.letters.urls")),
    path("privacy/", include("openopvang.privacy.urls")),
    path("imports/", include("openopvang.imports.urls")),
    path("duplicates/", include("openopvang.dedup.urls")),
    path("help/", include("openopvang.help.urls")),
    path("public/parameters/", include("openopvang.parameters.public_urls")),
    path("public/help/", include("openopvang.help.public_urls")),
    path("public/", include("openopvang.support.public_urls")),
    path("", include("openopvang.conf.dashboard_urls")),
]
