from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import GIVEN_ANSWERS, Answer, Invitation


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(answer.value, answer.label) for answer in GIVEN_ANSWERS],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example who else comes from your side, or a time that suits you better."),
    )

    @classmethod
    def for_invitation(
        cls,
        invitation: Invitation,
        preselect: str | None = None,
        prefix: str | None = None,
    ) -> "AnswerForm":
        """The form as a link or the list page opens it: the chosen link's answer, else the current one."""
        current = invitation.answer if invitation.answer != Answer.NEEDS_ACTION else None
        chosen = preselect if preselect in GIVEN_ANSWERS else current
        return cls(initial={"answer": chosen, "comment": invitation.comment}, prefix=prefix)


def list_prefix(invitation_id: int) -> str:
    # Several forms on one page need distinct field ids.
    return f"invitation-{invitation_id}"
