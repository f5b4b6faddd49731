from django.urls import path

from .views import households, locations, person_records, persons

app_name = "registry"
urlpatterns = [
    path("", persons.PersonListView.as_view(), name="person_index"),
    path("persons/", persons.PersonListView.as_view(), name="person_list"),
    path(
        "persons/filter-choices/",
        persons.PersonFilterChoicesView.as_view(),
        name="person_filter_choices",
    ),
    path("persons/new/", persons.PersonCreateView.as_view(), name="person_create"),
    path("persons/<int:pk>/", persons.PersonDetailView.as_view(), name="person_detail"),
    path("persons/<int:pk>/edit/", persons.PersonUpdateView.as_view(), name="person_update"),
    path("persons/<int:pk>/delete/", persons.PersonDeleteView.as_view(), name="person_delete"),
    path("persons/<int:pk>/check-in/", persons.CheckInView.as_view(), name="person_check_in"),
    path("persons/<int:pk>/check-out/", persons.CheckOutView.as_view(), name="person_check_out"),
    path("persons/<int:pk>/move/", persons.MoveView.as_view(), name="person_move"),
    path(
        "persons/<int:pk>/income/new/",
        person_records.IncomeCreateView.as_view(),
        name="income_create",
    ),
    path("income/<int:pk>/edit/", person_records.IncomeUpdateView.as_view(), name="income_update"),
    path(
        "income/<int:pk>/delete/", person_records.IncomeDeleteView.as_view(), name="income_delete"
    ),
    path(
        "placements/<int:pk>/edit/",
        person_records.PlacementUpdateView.as_view(),
        name="placement_update",
    ),
    path(
        "placements/<int:pk>/delete/",
        person_records.PlacementDeleteView.as_view(),
        name="placement_delete",
    ),
    path("households/", households.HouseholdListView.as_view(), name="household_list"),
    path("households/new/", households.HouseholdCreateView.as_view(), name="household_create"),
    path("households/<int:pk>/", households.HouseholdDetailView.as_view(), name="household_detail"),
    path(
        "households/<int:pk>/edit/",
        households.HouseholdUpdateView.as_view(),
        name="household_update",
    ),
    path("households/<int:pk>/payee/", households.PayeeView.as_view(), name="household_payee"),
    path(
        "households/<int:pk>/check-in/",
        households.HouseholdCheckInView.as_view(),
        name="household_check_in",
    ),
    path(
        "households/<int:pk>/move/", households.HouseholdMoveView.as_view(), name="household_move"
    ),
    path(
        "households/<int:pk>/check-out/",
        households.HouseholdCheckOutView.as_view(),
        name="household_check_out",
    ),
    path(
        "households/<int:pk>/members/search/",
        households.HouseholdMemberSearchView.as_view(),
        name="household_member_search",
    ),
    path(
        "households/<int:pk>/members/new/",
        households.MembershipCreateView.as_view(),
        name="membership_create",
    ),
    path(
        "memberships/<int:pk>/end/", households.MembershipEndView.as_view(), name="membership_end"
    ),
    path("locations/", locations.LocationListView.as_view(), name="location_list"),
    path("locations/new/", locations.LocationCreateView.as_view(), name="location_create"),
    path("locations/<int:pk>/", locations.LocationDetailView.as_view(), name="location_detail"),
    path(
        "locations/<int:pk>/edit/", locations.LocationUpdateView.as_view(), name="location_update"
    ),
    path(
        "locations/<int:pk>/capacity/new/",
        locations.CapacityPeriodCreateView.as_view(),
        name="capacity_create",
    ),
    path(
        "capacity/<int:pk>/edit/",
        locations.CapacityPeriodUpdateView.as_view(),
        name="capacity_update",
    ),
    path("hosts/", locations.HostListView.as_view(), name="host_list"),
    path("hosts/new/", locations.HostCreateView.as_view(), name="host_create"),
    path("hosts/<int:pk>/", locations.HostDetailView.as_view(), name="host_detail"),
    path("hosts/<int:pk>/edit/", locations.HostUpdateView.as_view(), name="host_update"),
]
