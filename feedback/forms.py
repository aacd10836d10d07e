from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import FACTORS, QUESTIONS, SurveyResponse
from feedback.periods import Period, parse_period

SCALE = [(str(n), str(n)) for n in range(1, 11)]

QUESTION_TEXT = {
    "overall": _("All in all, how satisfied are you with the help you got with your case?"),
    "expectations": _("How well did our handling of your case live up to what you expected?"),
    "ideal": _("Think of the best possible help a municipality could give. How close did we come?"),
}
FACTOR_TEXT = {
    "information": _("Information: was it clear and easy to find?"),
    "accessibility": _("Accessibility: was it easy to reach the right person?"),
    "treatment": _("Treatment: were you treated well?"),
    "competence": _("Competence: did the people you met know their field?"),
    "legal_certainty": _("Legal certainty: was your case handled fairly and by the rules?"),
    "efficiency": _("Efficiency: was it handled quickly and without detours?"),
}


def _rating(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


class SurveyForm(forms.Form):
    """Every rating is optional: a skipped question is no error, only no index for the answer."""

    comment = forms.CharField(
        label=_("Anything you want to tell us? (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in QUESTIONS:
            self.fields[name] = _rating(QUESTION_TEXT[name])
        for name in FACTORS:
            self.fields[name] = _rating(FACTOR_TEXT[name])
        self.order_fields([*QUESTIONS, *FACTORS, "comment"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = [cleaned.get(name) for name in (*QUESTIONS, *FACTORS)]
        if all(value is None for value in given) and not (cleaned.get("comment") or "").strip():
            # An empty form is no answer: it would stop the reminders and say nothing.
            self.add_error(QUESTIONS[0], _("Answer at least one question, or write a comment."))
        return cleaned

    @classmethod
    def for_answer(cls, response: SurveyResponse | None) -> "SurveyForm":
        if response is None:
            return cls()
        names = (*QUESTIONS, *FACTORS)
        initial: dict[str, Any] = {name: getattr(response, name) for name in names}
        return cls(
            initial={**{k: str(v) for k, v in initial.items() if v is not None}, "comment": response.comment}
        )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in QUESTIONS]

    def factor_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in FACTORS]


class ResultsForm(forms.Form):
    """The staff view's period; an unknown one shows the default (this year)."""

    period = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, data: Any, periods: dict[str, list[Period]]) -> None:
        super().__init__(data)
        labels = {"year": _("Years"), "quarter": _("Quarters"), "month": _("Months")}
        self.fields["period"].choices = [
            (labels[kind], [(p.key, p.key) for p in choices]) for kind, choices in periods.items()
        ]
        self.default = periods["year"][0]

    def chosen(self) -> Period:
        if self.is_valid():
            return parse_period(self.cleaned_data["period"] or "") or self.default
        return self.default
