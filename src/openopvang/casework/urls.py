from django.urls import path

from .views import bulk, cases, deadlines, decisions, leaving

app_name = "casework"

urlpatterns = [
    path("", cases.CaseListView.as_view(), name="case_list"),
    path("cases/new/", cases.CaseOpenView.as_view(), name="case_create"),
    path("cases/<int:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path(
        "cases/<int:pk>/situation/",
        cases.SituationCreateView.as_view(),
        name="situation_create",
    ),
    path("cases/<int:pk>/close/", cases.CaseCloseView.as_view(), name="case_close"),
    path(
        "cases/<int:pk>/transfer/", leaving.TransferRequestView.as_view(), name="transfer_request"
    ),
    path("transfers/<int:pk>/offer/", leaving.TransferOfferView.as_view(), name="transfer_offer"),
    path(
        "transfers/<int:pk>/complete/",
        leaving.TransferCompleteView.as_view(),
        name="transfer_complete",
    ),
    path(
        "transfers/<int:pk>/cancel/", leaving.TransferCancelView.as_view(), name="transfer_cancel"
    ),
    path("cases/<int:pk>/blockers/", leaving.BlockerCreateView.as_view(), name="blocker_create"),
    path("blockers/<int:pk>/end/", leaving.BlockerEndView.as_view(), name="blocker_end"),
    path("cases/<int:pk>/departure/", leaving.DeparturePlanView.as_view(), name="departure_plan"),
    path("departures/<int:pk>/departed/", leaving.DepartedView.as_view(), name="departed"),
    path(
        "departures/<int:pk>/cancel/",
        leaving.DepartureCancelView.as_view(),
        name="departure_cancel",
    ),
    path("cases/<int:pk>/eviction/", leaving.EvictionStepView.as_view(), name="eviction_step"),
    path(
        "cases/<int:pk>/decisions/", decisions.DecisionCreateView.as_view(), name="decision_create"
    ),
    path(
        "decisions/<int:pk>/approve/",
        decisions.DecisionApproveView.as_view(),
        name="decision_approve",
    ),
    path(
        "decisions/<int:pk>/correct/",
        decisions.DecisionCorrectView.as_view(),
        name="decision_correct",
    ),
    path(
        "decisions/<int:pk>/withdraw/",
        decisions.DecisionWithdrawView.as_view(),
        name="decision_withdraw",
    ),
    path("bulk/", bulk.BulkActionView.as_view(), name="bulk"),
    path("filters/", cases.SavedFilterCreateView.as_view(), name="saved_filter_create"),
    path("digest/", cases.DigestChoiceView.as_view(), name="digest_choice"),
    path(
        "filters/<int:pk>/delete/",
        cases.SavedFilterDeleteView.as_view(),
        name="saved_filter_delete",
    ),
    path("deadlines/", deadlines.DeadlineListView.as_view(), name="deadline_list"),
    path("deadlines/<int:pk>/suspend/", deadlines.SuspendView.as_view(), name="deadline_suspend"),
    path("deadlines/<int:pk>/extend/", deadlines.ExtendView.as_view(), name="deadline_extend"),
    path(
        "suspensions/<int:pk>/end/",
        deadlines.SuspensionEndView.as_view(),
        name="suspension_end",
    ),
]
