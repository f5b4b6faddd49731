from rest_framework import serializers

from ..models import Agency, ConsultationHour, Topic, TopicText


class OrganisationSerializer(serializers.ModelSerializer):
    languages = serializers.ListField(
        source="language_list", child=serializers.CharField(), help_text="Language codes."
    )

    class Meta:
        model = Agency
        fields = ["id", "code", "name", "email", "website", "phone", "hours", "languages"]


class TopicTextSerializer(serializers.ModelSerializer):
    class Meta:
        model = TopicText
        fields = ["language", "title", "answer"]


class TopicSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        source="agency",
        slug_field="code",
        read_only=True,
        help_text="The code of the organisation that handles it.",
    )
    texts = TopicTextSerializer(
        many=True,
        read_only=True,
        help_text="One per language written; Dutch first is the fallback.",
    )

    class Meta:
        model = Topic
        fields = ["id", "code", "audience", "organisation", "position", "texts", "updated_at"]


class ConsultationHourSerializer(serializers.ModelSerializer):
    ngo = serializers.CharField(source="ngo.name", read_only=True)
    topic = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    languages = serializers.ListField(source="language_list", child=serializers.CharField())
    ends_at = serializers.DateTimeField(read_only=True)
    places_left = serializers.IntegerField(read_only=True, help_text="Places still free now.")
    booking_url = serializers.SerializerMethodField(help_text="The public page to book a place.")

    class Meta:
        model = ConsultationHour
        fields = [
            "id",
            "subject",
            "ngo",
            "topic",
            "mode",
            "languages",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "capacity",
            "places_left",
            "booking_url",
        ]

    def get_booking_url(self, hour) -> str:
        from django.urls import reverse

        request = self.context.get("request")
        path = reverse("help_public:book", kwargs={"pk": hour.pk})
        return request.build_absolute_uri(path) if request else path
