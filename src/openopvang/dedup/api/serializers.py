from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openopvang.core.permissions import organisation_of

from ..models import CrossMatch, MatchRun, MatchState, Verdict
from ..reasons import reason_text


class EvidenceRecordSerializer(serializers.Serializer):
    """The other municipality's record: only the fields the comparison used."""

    given_names = serializers.CharField()
    family_name = serializers.CharField()
    given_names_cyrillic = serializers.CharField()
    family_name_cyrillic = serializers.CharField()
    birth_date = serializers.DateField()
    sex = serializers.CharField()
    nationality = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField(help_text="The evidence in the language of the request.")


class MunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class DuplicateMatchSerializer(serializers.ModelSerializer):
    """A probable duplicate of one of your persons in another municipality,
    as your municipality sees it."""

    person = serializers.SerializerMethodField(help_text="Your person's id.")
    other_municipality = serializers.SerializerMethodField()
    other = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()
    own_decision = serializers.SerializerMethodField()
    other_decision = serializers.SerializerMethodField()

    class Meta:
        model = CrossMatch
        fields = [
            "id",
            "person",
            "other_municipality",
            "other",
            "score",
            "evidence",
            "state",
            "own_decision",
            "other_decision",
            "found_at",
        ]
        read_only_fields = fields

    def _sides(self, match):
        organisation = organisation_of(self.context["request"].user)
        return match.own_and_other(organisation)

    def get_person(self, match) -> int:
        return self._sides(match)[0].pk

    @extend_schema_field(MunicipalitySerializer)
    def get_other_municipality(self, match) -> dict:
        other = self._sides(match)[1].municipality
        return {"code": other.code, "name": other.name}

    @extend_schema_field(EvidenceRecordSerializer)
    def get_other(self, match) -> dict:
        return EvidenceRecordSerializer(self._sides(match)[1]).data

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, match) -> list[dict]:
        own = self._sides(match)[0]
        return [{"code": r.code, "text": reason_text(r)} for r in match.reasons_for(own)]

    @extend_schema_field(serializers.ChoiceField(choices=MatchState.choices))
    def get_state(self, match) -> str:
        return match.state_for(organisation_of(self.context["request"].user))

    def _decision(self, match, own: bool) -> str | None:
        organisation = organisation_of(self.context["request"].user)
        for decision in match.decisions.all():
            if (decision.municipality_id == organisation.pk) == own:
                return decision.verdict
        return None

    @extend_schema_field(serializers.ChoiceField(choices=Verdict.choices, allow_null=True))
    def get_own_decision(self, match) -> str | None:
        return self._decision(match, True)

    @extend_schema_field(serializers.ChoiceField(choices=Verdict.choices, allow_null=True))
    def get_other_decision(self, match) -> str | None:
        return self._decision(match, False)


class DecisionInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)


class DuplicateRunSerializer(serializers.ModelSerializer):
    """One national duplicate run: counts only."""

    class Meta:
        model = MatchRun
        fields = [
            "id",
            "status",
            "done",
            "count",
            "persons",
            "found",
            "new",
            "seconds",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields
