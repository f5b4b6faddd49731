"""How the API's two ways of logging in appear in the OpenAPI document."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "openopvang.accounts.api.authentication.PersonalTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A personal API token, created at /api/v1/tokens/ or in the web interface, "
                "sent as `Authorization: Token oo_…`."
            ),
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "openopvang.accounts.api.authentication.VerifiedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "The web session, after the second factor; unsafe methods need "
            "the CSRF token in `X-CSRFToken`.",
        }
