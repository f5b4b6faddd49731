"""What each situation gives a person, and which deadlines it derives.

The rights are text per situation, shown on the case page, with the legal
basis they rest on. The right to municipal reception and leefgeld is also
dated rules data in the engine (rules/engine/rights.py, RIGHT_RULES): the
money follows it — casework gives the scenario document each person's
periods without that right (selectors.no_reception_right_periods, registered
with registry.snapshots.right_sources), and leefgeld is not paid on those
days. The texts are indicative and must be checked with the municipality's
legal advisers."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import terms
from .models import SituationCode

RECEPTION = "reception"
LEEFGELD = "leefgeld"
WORK = "work"
CARE = "care"
EDUCATION = "education"

RIGHT_LABELS = {
    RECEPTION: _("Reception by the municipality"),
    LEEFGELD: _("Leefgeld"),
    WORK: _("Work without a work permit"),
    CARE: _("Healthcare"),
    EDUCATION: _("Education for children"),
}

YES, NO, LIMITED = "yes", "no", "limited"


@dataclass(frozen=True)
class Right:
    right: str
    gives: str  # YES, NO or LIMITED
    note: object = ""  # lazy text

    @property
    def label(self):
        return RIGHT_LABELS[self.right]


BOO = _("Besluit opvang ontheemden Oekraïne; Richtlijn 2001/55/EG")
ASYLUM = _("Vreemdelingenwet 2000; Rva 2005 (COA reception)")
RETURN = _("Vreemdelingenwet 2000 art. 62 (departure term); VNG advice on ending reception")

_PROTECTED = (
    Right(RECEPTION, YES),
    Right(LEEFGELD, YES),
    Right(WORK, YES),
    Right(CARE, YES),
    Right(EDUCATION, YES),
)
_UNTIL_DEPARTURE = (
    Right(RECEPTION, LIMITED, _("Until the departure term ends; eviction only as a last resort.")),
    Right(LEEFGELD, LIMITED, _("Only while the right to municipal reception lasts.")),
    Right(WORK, NO),
    Right(CARE, LIMITED, _("Medically necessary care.")),
    Right(EDUCATION, YES, _("Compulsory education applies.")),
)

SITUATION_RIGHTS: dict[str, tuple[tuple[Right, ...], object]] = {
    SituationCode.PROTECTED: (_PROTECTED, BOO),
    SituationCode.ASYLUM_PENDING: (
        (
            Right(RECEPTION, LIMITED, _("Stays in municipal reception until COA has a place.")),
            Right(LEEFGELD, LIMITED, _("While in municipal reception.")),
            Right(WORK, LIMITED, _("After six months of the asylum procedure, with a permit.")),
            Right(CARE, YES),
            Right(EDUCATION, YES),
        ),
        ASYLUM,
    ),
    SituationCode.ASYLUM_GRANTED: (
        (
            Right(RECEPTION, LIMITED, _("Until housed as a status holder.")),
            Right(LEEFGELD, LIMITED, _("Until housed as a status holder.")),
            Right(WORK, YES),
            Right(CARE, YES),
            Right(EDUCATION, YES),
        ),
        ASYLUM,
    ),
    SituationCode.REJECTED_APPEAL: (
        (
            Right(RECEPTION, LIMITED, _("While the appeal has suspensive effect.")),
            Right(LEEFGELD, LIMITED, _("While the appeal has suspensive effect.")),
            Right(WORK, NO),
            Right(CARE, YES),
            Right(EDUCATION, YES),
        ),
        ASYLUM,
    ),
    SituationCode.REJECTED_NO_APPEAL: (_UNTIL_DEPARTURE, RETURN),
    SituationCode.WITHDRAWN: (_UNTIL_DEPARTURE, RETURN),
    SituationCode.OTHER_PERMIT: (
        (
            Right(RECEPTION, LIMITED, _("Assess per case: depends on the permit applied for.")),
            Right(LEEFGELD, LIMITED, _("Only while the right to municipal reception lasts.")),
            Right(WORK, NO, _("Unless the permit applied for allows it.")),
            Right(CARE, LIMITED, _("Medically necessary care.")),
            Right(EDUCATION, YES),
        ),
        _("Vreemdelingenwet 2000 (regular residence permit)"),
    ),
    SituationCode.NO_RIGHT: (_UNTIL_DEPARTURE, RETURN),
}

GIVES_LABELS = {YES: _("yes"), NO: _("no"), LIMITED: _("limited")}

# Which deadlines each situation derives (terms.TERM_RULES has their terms).
SITUATION_DEADLINES: dict[str, tuple[str, ...]] = {
    SituationCode.ASYLUM_PENDING: (terms.COA_TRANSFER,),
    SituationCode.REJECTED_NO_APPEAL: (terms.DEPARTURE,),
    SituationCode.WITHDRAWN: (terms.DEPARTURE,),
    SituationCode.NO_RIGHT: (terms.DEPARTURE,),
}


def rights_of(code: str) -> dict:
    rights, basis = SITUATION_RIGHTS[code]
    return {
        "rows": [
            {
                "label": right.label,
                "gives": right.gives,
                "gives_label": GIVES_LABELS[right.gives],
                "note": right.note,
            }
            for right in rights
        ],
        "basis": basis,
    }
