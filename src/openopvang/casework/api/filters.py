"""Query filters of the casework endpoints. Related records by plain id
(NumberFilter), never ModelChoiceFilter: a choice filter checks the id against
every organisation and would answer "invalid choice" for an id nobody has but
an empty list for another municipality's id, telling the two apart."""

from django_filters import rest_framework as filters

from ..models import (
    Case,
    Deadline,
    DeadlineKind,
    Decision,
    DecisionKind,
    DecisionStatus,
    Situation,
    SituationCode,
)


class CaseFilter(filters.FilterSet):
    person = filters.NumberFilter(field_name="person_id")
    caseworker = filters.NumberFilter(field_name="caseworker_id")
    open = filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", label="Open cases")
    situation = filters.ChoiceFilter(
        field_name="current_code", choices=SituationCode.choices, label="Current situation"
    )

    class Meta:
        model = Case
        fields = ["person", "caseworker"]


class SituationFilter(filters.FilterSet):
    case = filters.NumberFilter(field_name="case_id")

    class Meta:
        model = Situation
        fields = ["case", "code"]


class DeadlineFilter(filters.FilterSet):
    case = filters.NumberFilter(field_name="case_id")
    kind = filters.ChoiceFilter(choices=DeadlineKind.choices)
    open = filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", label="Open")
    due_before = filters.DateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = Deadline
        fields = ["case", "kind"]


class DecisionFilter(filters.FilterSet):
    case = filters.NumberFilter(field_name="case_id")
    kind = filters.ChoiceFilter(choices=DecisionKind.choices)
    status = filters.ChoiceFilter(choices=DecisionStatus.choices)

    class Meta:
        model = Decision
        fields = ["case", "kind", "status"]
