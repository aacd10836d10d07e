"""What the liaison app does when something happens elsewhere: a meeting answer goes on the case's
timeline, and an edited topic, department or staff account drops the dashboard's cached select
options. Connected in LiaisonConfig.ready(), so web and worker alike listen."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from liaison.models import Department, Topic
from liaison.options import invalidate_dashboard_options
from liaison.services.meetings import note_answer
from meetings.models import Invitation
from meetings.signals import answer_recorded


@receiver(answer_recorded, sender=Invitation, dispatch_uid="liaison.case_meeting_answer")
def put_answer_on_the_timeline(
    sender: type, invitation: Invitation, actor: User | None = None, **kwargs: Any
) -> None:
    note_answer(invitation, actor=actor)


def connect_option_signals() -> None:
    account = get_user_model()
    for model in (Topic, Department, account, Group):
        post_save.connect(
            invalidate_dashboard_options, sender=model, dispatch_uid=f"options-save-{model.__name__}"
        )
        post_delete.connect(
            invalidate_dashboard_options, sender=model, dispatch_uid=f"options-del-{model.__name__}"
        )
    m2m_changed.connect(
        invalidate_dashboard_options, sender=account.groups.through, dispatch_uid="options-groups"
    )
