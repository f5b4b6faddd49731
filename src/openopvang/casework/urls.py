from django.urls import path

from .views import bulk, cases, deadlines

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
    path("bulk/", bulk.BulkActionView.as_view(), name="bulk"),
    path("deadlines/", deadlines.DeadlineListView.as_view(), name="deadline_list"),
    path("deadlines/<int:pk>/suspend/", deadlines.SuspendView.as_view(), name="deadline_suspend"),
    path("deadlines/<int:pk>/extend/", deadlines.ExtendView.as_view(), name="deadline_extend"),
    path(
        "suspensions/<int:pk>/end/",
        deadlines.SuspensionEndView.as_view(),
        name="suspension_end",
    ),
]
