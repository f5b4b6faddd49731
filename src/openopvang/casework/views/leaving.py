"""The way out of municipal reception: the COA transfer (with the blockers
that stop it), the departure, and the eviction procedure, each a form about
a case or one of its steps that calls a service."""

from django.utils.translation import gettext_lazy

from .. import services
from ..forms import (
    BlockerForm,
    CancelForm,
    DepartedForm,
    DepartureForm,
    EndBlockerForm,
    EvictionStepForm,
    TransferCompleteForm,
    TransferOfferForm,
    TransferRequestForm,
)
from ..models import Departure, EvictionStepCode, Transfer, TransferBlocker
from .cases import CaseActionView
from .common import RecordActionView, today


class StepActionView(RecordActionView):
    """A form about a step of a case (a transfer, blocker or departure)."""

    def get_case(self):
        return self.record.case

    def call(self, service, data):
        service(self.request.user, self.record, request=self.request, **data)


class TransferRequestView(CaseActionView):
    form_class = TransferRequestForm
    title = gettext_lazy("Request a COA transfer")
    submit_label = gettext_lazy("Record the request")
    success_message = gettext_lazy("The COA transfer of %(case)s has been requested.")

    def get_initial_values(self):
        return {"requested_on": today()}

    def perform(self, data):
        services.request_transfer(self.request.user, self.record, request=self.request, **data)


class TransferOfferView(StepActionView):
    isolation_model = Transfer
    form_class = TransferOfferForm
    title = gettext_lazy("Record the place COA offered")
    submit_label = gettext_lazy("Record the place")
    success_message = gettext_lazy("The place COA offered for %(case)s has been recorded.")

    def get_initial_values(self):
        return {"offered_on": today()}

    def perform(self, data):
        self.call(services.offer_transfer_place, data)


class TransferCompleteView(StepActionView):
    isolation_model = Transfer
    form_class = TransferCompleteForm
    title = gettext_lazy("Record the transfer to COA")
    submit_label = gettext_lazy("Record the transfer and close the case")
    success_message = gettext_lazy("%(case)s: transferred to COA; the case is closed.")

    def get_initial_values(self):
        return {"transferred_on": today()}

    def perform(self, data):
        self.call(services.complete_transfer, data)


class TransferCancelView(StepActionView):
    isolation_model = Transfer
    form_class = CancelForm
    title = gettext_lazy("Cancel the COA transfer")
    submit_label = gettext_lazy("Cancel the transfer")
    success_message = gettext_lazy("The COA transfer of %(case)s has been cancelled.")

    def perform(self, data):
        self.call(services.cancel_transfer, data)


class BlockerCreateView(CaseActionView):
    form_class = BlockerForm
    title = gettext_lazy("Record a transfer blocker")
    submit_label = gettext_lazy("Record the blocker")
    success_message = gettext_lazy("The transfer blocker of %(case)s has been recorded.")

    def get_initial_values(self):
        return {"start_date": today()}

    def perform(self, data):
        services.add_transfer_blocker(self.request.user, self.record, request=self.request, **data)


class BlockerEndView(StepActionView):
    isolation_model = TransferBlocker
    form_class = EndBlockerForm
    title = gettext_lazy("End the transfer blocker")
    submit_label = gettext_lazy("End the blocker")
    success_message = gettext_lazy("The transfer blocker of %(case)s has ended.")

    def get_initial_values(self):
        return {"end_date": today()}

    def perform(self, data):
        self.call(services.end_transfer_blocker, data)


class DeparturePlanView(CaseActionView):
    form_class = DepartureForm
    title = gettext_lazy("Plan the departure")
    submit_label = gettext_lazy("Record the plan")
    success_message = gettext_lazy("The departure of %(case)s has been planned.")

    def perform(self, data):
        services.plan_departure(self.request.user, self.record, request=self.request, **data)


class DepartedView(StepActionView):
    isolation_model = Departure
    form_class = DepartedForm
    title = gettext_lazy("Record the departure")
    submit_label = gettext_lazy("Record the departure and close the case")
    success_message = gettext_lazy("%(case)s: departed; the case is closed.")

    def get_initial_values(self):
        return {"departed_on": self.record.planned_on}

    def perform(self, data):
        self.call(services.record_departure, data)


class DepartureCancelView(StepActionView):
    isolation_model = Departure
    form_class = CancelForm
    title = gettext_lazy("Cancel the departure")
    submit_label = gettext_lazy("Cancel the departure")
    success_message = gettext_lazy("The departure of %(case)s has been cancelled.")

    def perform(self, data):
        self.call(services.cancel_departure, data)


class EvictionStepView(CaseActionView):
    """The next step of the eviction procedure; the page names it, the
    service refuses any other."""

    form_class = EvictionStepForm
    submit_label = gettext_lazy("Record this step")
    success_message = gettext_lazy("The eviction step of %(case)s has been recorded.")

    def next_step(self):
        return services.next_eviction_step(
            set(self.record.eviction_steps.values_list("step", flat=True))
        )

    @property
    def title(self):
        step = self.next_step()
        return EvictionStepCode(step).label if step else gettext_lazy("Eviction procedure")

    def get_initial_values(self):
        return {"done_on": today()}

    def perform(self, data):
        services.record_eviction_step(
            self.request.user, self.record, step=self.next_step(), request=self.request, **data
        )
