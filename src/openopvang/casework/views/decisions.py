"""Decisions on a case: record one, approve a municipal decision as the
second officer, correct or withdraw one (never overwritten)."""

from django.utils.translation import gettext_lazy

from .. import services
from ..forms import ApproveForm, DecisionCorrectionForm, DecisionForm, WithdrawForm
from ..models import Decision
from .cases import CaseActionView
from .common import today
from .leaving import StepActionView


class DecisionCreateView(CaseActionView):
    form_class = DecisionForm
    title = gettext_lazy("Record a decision")
    submit_label = gettext_lazy("Record the decision")
    success_message = gettext_lazy("The decision on %(case)s has been recorded.")

    def get_initial_values(self):
        return {"decided_on": today()}

    def perform(self, data):
        services.record_decision(self.request.user, self.record, request=self.request, **data)


class DecisionActionView(StepActionView):
    isolation_model = Decision
    template_name = "casework/decision_action.html"


class DecisionApproveView(DecisionActionView):
    form_class = ApproveForm
    title = gettext_lazy("Approve the decision")
    submit_label = gettext_lazy("Approve as the second officer")
    success_message = gettext_lazy("The decision on %(case)s is in force.")

    def perform(self, data):
        self.call(services.approve_decision, data)


class DecisionCorrectView(DecisionActionView):
    form_class = DecisionCorrectionForm
    title = gettext_lazy("Correct the decision")
    submit_label = gettext_lazy("Record the correction")
    success_message = gettext_lazy("The correction of the decision on %(case)s has been recorded.")

    def get_initial_values(self):
        decision = self.record
        return {
            "reference": decision.reference,
            "decided_on": decision.decided_on,
            "summary": decision.summary,
        }

    def perform(self, data):
        self.call(services.correct_decision, data)


class DecisionWithdrawView(DecisionActionView):
    form_class = WithdrawForm
    title = gettext_lazy("Withdraw the decision")
    submit_label = gettext_lazy("Withdraw the decision")
    success_message = gettext_lazy("The decision on %(case)s has been withdrawn.")

    def get_initial_values(self):
        return {"withdrawn_on": today()}

    def perform(self, data):
        self.call(services.withdraw_decision, data)
