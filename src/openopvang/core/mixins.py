"""Reusable pieces for staff views: scoped object lookups, the editor check,
and audited saving of model forms. Views stay thin by combining these."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.audit import services as audit

from . import formatting
from .forms import MonthInput, add_amount_confirmations, check_amount_confirmations
from .models import Versioned
from .permissions import can_edit_registry, require_municipal_staff
from .services import is_stale

# The hidden field of an edit form that carries the version it was read at.
VERSION_FIELD = "version"


def add_validation_error(form, error: ValidationError, field_map: dict | None = None) -> None:
    """Show a ValidationError from a service on the form: messages for a
    field the form has go next to that field, the rest at the top."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.error_dict.items():
        field = field_map.get(field, field)
        messages_ = [message for item in errors for message in item.messages]
        if field in form.fields and field != NON_FIELD_ERRORS:
            form.add_error(field, messages_)
        else:
            form.add_error(None, messages_)


class StaffRequiredMixin(LoginRequiredMixin):
    """Logged-in staff; the organisation scoping does the rest."""


class MunicipalStaffRequiredMixin(StaffRequiredMixin):
    """Registry pages: staff of a municipality, any role (403 for an NGO or
    the national organisation, which have their own pages)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_municipal_staff(request.user)
        return super().dispatch(request, *args, **kwargs)


class RegistryEditorRequiredMixin(StaffRequiredMixin):
    """Only users whose role may change registry data reach the view (403 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not can_edit_registry(user, user.organisation):
            raise PermissionDenied(_("Your role cannot change registry data."))
        return super().dispatch(request, *args, **kwargs)


class ScopedObjectMixin:
    """`get_object` only finds records of the user's organisation: anything
    else is a 404, exactly as if it did not exist."""

    model = None

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)

    def get_object(self, queryset=None):
        return get_object_or_404(queryset or self.get_queryset(), pk=self.kwargs["pk"])


class AuditedListMixin:
    """For ListView of personal data (docs/decisions/0004): one audit event per
    page shown, naming the records on it (not one event per record), with the
    search/filters and the page number. Refine `audit_shown()` to name the
    persons a row shows when the rows are not persons themselves."""

    def audit_shown(self, objects) -> list:
        return list(objects)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objects = context["object_list"]
        page = context.get("page_obj")
        model = getattr(objects, "model", None) or self.model
        audit.record_read(
            self.request.user,
            self.audit_shown(objects),
            object_type=model._meta.label if model is not None else "",
            page=page.number if page is not None else None,
            request=self.request,
        )
        return context


def scoped_or_404(model, user, pk):
    return get_object_or_404(model.objects.for_user(user), pk=pk)


def _shown(record, field) -> str:
    """A stored value as a person reads it, for the stale-edit message."""
    value = getattr(record, field.name)
    if field.choices and value not in (None, ""):
        value = getattr(record, f"get_{field.name}_display")()
    language = get_language()
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return formatting.long_date(value, language)
    if isinstance(value, Decimal):
        return formatting.amount(value, language)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def show_stale_edit(form, error: ValidationError, field_map: dict | None = None) -> None:
    """A save refused because someone else stored a change first
    (core.services.StaleRecord): say so at the top, put the value stored now
    next to each field where it differs from the user's (whose values stay in
    the form), and take the stored version, so saving again stores the
    user's values knowingly."""
    field_map = field_map or {}
    form.add_error(
        None,
        ValidationError(
            _(
                "Someone else changed this record while you were editing it. Next to each "
                "field that differs you see the value stored now; your values are still in "
                "the form. Save again to store yours, or cancel to keep the stored ones."
            ),
            code="stale",
        ),
    )
    stored = getattr(error, "stored", None)
    if stored is None:
        return
    mine = form.instance
    for field in stored._meta.concrete_fields:
        name = field_map.get(field.name, field.name)
        if not field.editable or name not in form.fields or name == VERSION_FIELD:
            continue
        if field.value_from_object(stored) == field.value_from_object(mine):
            continue
        form.add_error(
            name,
            ValidationError(
                _("Stored now: %(value)s") % {"value": _shown(stored, field)},
                code="stale",
            ),
        )
    data = form.data.copy()
    data[form.add_prefix(VERSION_FIELD)] = stored.version
    form.data = data


class AuditedFormMixin:
    """The audited form page, for Create/UpdateView: the record is saved by
    the app's service (`save`, which the app points at it: permission check
    first, one transaction with the audit event) and the service's
    ValidationErrors are shown on the form.

    An edit of a Versioned record carries the version it was read at as a
    hidden field (rendered by partials/form.html with every hidden field);
    the save is refused when someone else stored a change in the meantime,
    and the form then shows both values (show_stale_edit)."""

    success_message = ""
    error_field_map: dict = {}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        instance = getattr(form, "instance", None)
        if isinstance(instance, Versioned) and instance.pk is not None:
            form.fields.setdefault(
                VERSION_FIELD,
                forms.IntegerField(
                    widget=forms.HiddenInput, required=False, initial=instance.version
                ),
            )
        return form

    def prepare(self, instance) -> None:
        """Set fields the form does not show (e.g. the municipality)."""

    def save(self, instance):
        """The app's service, which checks the permission first and takes the
        audit snapshot of the stored row itself. No default: a page that
        saved without a service would skip the permission check."""
        raise NotImplementedError(f"{type(self).__name__}.save must call the app's service")

    def form_valid(self, form):
        instance = form.save(commit=False)
        expected = form.cleaned_data.get(VERSION_FIELD)
        if isinstance(instance, Versioned) and instance.pk is not None and expected is not None:
            # The version the user's edit is based on, not the one just read.
            instance.version = expected
        self.prepare(instance)
        try:
            self.object = self.save(instance)
        except ValidationError as error:
            if is_stale(error):
                show_stale_edit(form, error, self.error_field_map)
            else:
                add_validation_error(form, error, self.error_field_map)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())


class AuditedDeleteMixin:
    """For DeleteView: delete through the app's service; a protected record
    shows its message instead of a server error."""

    success_message = ""

    def delete_instance(self, instance) -> None:
        """The app's service (permission check first); no default, as for save."""
        raise NotImplementedError(f"{type(self).__name__}.delete_instance must call a service")

    def form_valid(self, form):
        self.object = self.get_object()
        success_url = self.get_success_url()
        label = str(self.object)
        try:
            self.delete_instance(self.object)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(self.request.path)
        if self.success_message:
            messages.success(self.request, self.success_message % {"object": label})
        return HttpResponseRedirect(success_url)


_WIDGET_CLASSES = {
    "textarea": ("utrecht-textarea utrecht-textarea--html-textarea", "utrecht-textarea--invalid"),
    "select": ("utrecht-select utrecht-select--html-select", "utrecht-select--invalid"),
    "checkbox": ("utrecht-checkbox utrecht-checkbox--html-input", "utrecht-checkbox--invalid"),
    "input": ("utrecht-textbox utrecht-textbox--html-input", "utrecht-textbox--invalid"),
}


def _widget_kind(widget) -> str:
    input_type = getattr(widget, "input_type", "")
    if input_type == "checkbox" and not getattr(widget, "allow_multiple_selected", False):
        return "checkbox"
    if input_type in ("checkbox", "radio"):
        return "choices"
    if widget.__class__.__name__ == "Textarea":
        return "textarea"
    if hasattr(widget, "allow_multiple_selected") or widget.__class__.__name__.endswith("Select"):
        return "select"
    return "input"


class DesignSystemFormMixin:
    """Gives every widget the NL Design System (Utrecht) class names, and the
    invalid modifier once the field has an error. A form that adds fields in
    its own __init__ calls style_fields() again after adding them.

    It also asks to confirm an amount above its field's bound (core.forms
    MoneyFormField.confirm_above): the checkbox appears with the error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_amount_confirmations(self)
        self.style_fields()

    def _clean_form(self):
        super()._clean_form()
        check_amount_confirmations(self)

    def style_fields(self) -> None:
        for field in self.fields.values():
            if getattr(field, "design_system_styled", False):
                continue
            field.design_system_styled = True
            if isinstance(field, forms.DateField) and not isinstance(field.widget, MonthInput):
                # The browser's date picker sends ISO dates; typed Dutch dates work too.
                # A month field keeps its month picker.
                field.widget = forms.DateInput(
                    attrs={**field.widget.attrs, "type": "date"}, format="%Y-%m-%d"
                )
                field.input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
            classes = _WIDGET_CLASSES.get(_widget_kind(field.widget))
            if classes:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{classes[0]} {existing}".strip()

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            classes = _WIDGET_CLASSES.get(_widget_kind(widget))
            if classes and classes[1] not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {classes[1]}".strip()


def isolation_model(model):
    """Decorator for function views whose URL carries an object id: names the
    model, so the isolation walk (core/testing/isolation.py) can find a record."""

    def decorate(view):
        view.isolation_model = model
        return view

    return decorate
