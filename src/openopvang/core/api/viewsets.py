"""The shape every organisation-owned API resource shares: reads scoped by
`Model.objects.for_user`, writes through the audited services, deletes refused
while other records still refer to the record."""

from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.response import Response

from openopvang.audit import services as audit
from openopvang.core.models import Versioned

from .problems import Conflict, PreconditionFailed

# Methods whose If-Match is checked against the record's version.
CONDITIONAL_METHODS = {"PUT", "PATCH", "DELETE"}
# Actions whose response carries the record's ETag.
ETAG_ACTIONS = {"retrieve", "create", "update", "partial_update"}


def etag(version: int) -> str:
    """The ETag of a Versioned record: its version, as a strong validator."""
    return f'"{version}"'


def if_match_tags(request) -> list[str] | None:
    """The entity tags of the If-Match header (weak marks dropped), None without one."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    tags = []
    for tag in header.split(","):
        tag = tag.strip()
        tags.append(tag[2:] if tag.startswith("W/") else tag)
    return tags


def referring_records(instance) -> list[tuple[str, int]]:
    """[(verbose name, count)] of the records that point at `instance` through
    a foreign key, whatever happens to them on delete (cascade, protect, set
    null): deleting a record must never silently take others with it."""
    found = []
    for relation in instance._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        model = relation.related_model
        count = model._base_manager.filter(**{relation.field.name: instance}).count()
        if count:
            name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
            found.append((str(name), count))
    return found


class AuditedReadMixin:
    """For viewsets that return personal data (docs/decisions/0004): one audit
    event per list page, naming the records on it, the filters and the page
    number; one per retrieve. Refine `audit_shown()` when a record carries the
    personal data of others (a household's members, a placement's person)."""

    # For records about one named person (placements, incomes): the attribute
    # holding that person's id, so the event names the person too.
    audit_person_attr = ""

    def audit_shown(self, objects) -> list:
        shown = list(objects)
        if self.audit_person_attr:
            shown += [("registry.Person", getattr(obj, self.audit_person_attr)) for obj in objects]
        return shown

    def audit_read(self, objects, *, obj=None, page=None):
        model = getattr(self, "model", None) or getattr(self.get_queryset(), "model", None)
        audit.record_read(
            self.request.user,
            self.audit_shown(objects),
            obj=obj,
            object_type=model._meta.label if model is not None and obj is None else "",
            page=page,
            request=self.request,
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        objects = list(page if page is not None else queryset)
        number = self.paginator.page.number if page is not None else None
        self.audit_read(objects, page=number)
        data = self.get_serializer(objects, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.audit_read([instance], obj=instance)
        return Response(self.get_serializer(instance).data)


class ScopedModelViewSet(viewsets.ModelViewSet):
    # Subclasses set `model` and `serializer_class`; they may refine
    # `scoped_queryset()` (select_related, annotations) and `save_instance()`
    # (to go through a domain service). Give each subclass a docstring: it is
    # the endpoint's description in the OpenAPI document.

    model = None
    # Persons, households, locations, hosts: refuse a delete while anything
    # refers to the record (409) instead of cascading.
    delete_conflicts = False

    def scoped_queryset(self, queryset):
        return queryset

    def get_queryset(self):
        return self.scoped_queryset(self.model.objects.for_user(self.request.user))

    # Optimistic concurrency (docs/decisions/0014): a Versioned record's GET
    # gives its version as ETag; PUT, PATCH and DELETE with If-Match are
    # refused with 412 when it is no longer the stored version, and so is a
    # change that someone else stored while the request ran (the service's
    # StaleRecord, translated by core.api.problems). Without If-Match the
    # change is based on the version read by the request.

    def get_object(self):
        instance = super().get_object()
        if isinstance(instance, Versioned):
            if self.request.method in CONDITIONAL_METHODS:
                tags = if_match_tags(self.request)
                if tags is not None and "*" not in tags and etag(instance.version) not in tags:
                    raise PreconditionFailed()
            self.response_version = instance.version
        return instance

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        version = getattr(self, "response_version", None)
        if (
            version is not None
            and getattr(self, "action", None) in ETAG_ACTIONS
            and 200 <= response.status_code < 300
        ):
            response["ETag"] = etag(version)
        return response

    def save_instance(self, instance):
        """The app's service, which checks the permission first and takes the
        audit snapshot itself. No default: a resource that saved without a
        service would skip the permission check."""
        raise NotImplementedError(f"{type(self).__name__}.save_instance must call a service")

    def delete_instance(self, instance) -> None:
        """The app's service (permission check first); no default, as for save."""
        raise NotImplementedError(f"{type(self).__name__}.delete_instance must call a service")

    def _refetched(self, instance):
        # Read back through the list queryset, so the response carries the
        # same annotations and prefetches as a GET.
        return self.get_queryset().get(pk=instance.pk)

    def perform_create(self, serializer):
        instance = self.model(**serializer.validated_data)
        if self.model.scope_path == "municipality":
            # The owner is the caller's organisation, never taken from the payload.
            instance.municipality = self.request.user.organisation
        self.save_instance(instance)
        serializer.instance = self._refetched(instance)
        self.response_version = getattr(serializer.instance, "version", None)

    def perform_update(self, serializer):
        instance = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        self.save_instance(instance)
        serializer.instance = self._refetched(instance)
        self.response_version = getattr(serializer.instance, "version", None)

    def perform_destroy(self, instance):
        if self.delete_conflicts:
            referring = referring_records(instance)
            if referring:
                listed = ", ".join(f"{count} {name}" for name, count in referring)
                raise Conflict(
                    _(
                        "%(record)s cannot be deleted because other records refer to it: "
                        "%(listed)s. Remove or change those first."
                    )
                    % {"record": instance, "listed": listed}
                )
        self.delete_instance(instance)
