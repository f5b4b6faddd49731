"""Serializer fields that only accept records the caller may see."""

from rest_framework import serializers


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A related id, looked up in `Model.objects.for_user(request.user)`.

    An id of another organisation's record gets exactly the same "does not
    exist" error as an id that does not exist at all, so the API never tells
    whether someone else has it."""

    def __init__(self, model=None, **kwargs):
        if model is not None and "queryset" not in kwargs and not kwargs.get("read_only"):
            kwargs["queryset"] = model.objects.none()
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        model = self.model or self.queryset.model
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return model.objects.for_user(user)
