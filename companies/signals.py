"""Receivers that keep each company's stored "last met" times (companies.last_met) current, and
drop the cached coverage figures when the register or its goals change.

The apps whose rows they watch (liaison, meetings, forum) know nothing of the register. Each
receiver names what changed, after the commit, to a task that works the times out in the worker,
so no request pays for it; the hourly and nightly passes catch anything a lost hand-off missed.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from companies.coverage_cache import forget_coverage
from companies.last_met import refresh_after_commit
from companies.models import Company, Contact, CoverageGoal, Visit
from liaison.models import Case, CaseMeeting
from meetings.models import Answer, Invitation, Meeting
from meetings.signals import answer_recorded


def _case_saved(instance: Case, created: bool, update_fields: frozenset[str] | None, **_: Any) -> None:
    # Only a new case, or one moved to another company, changes when a company was last met.
    if created or (update_fields and "company" in update_fields):
        refresh_after_commit(company_ids=[instance.company_id])


def _company_row_changed(instance: Case | Visit | Contact, **_: Any) -> None:
    refresh_after_commit(company_ids=[instance.company_id])


def _visit_changed(instance: Visit, **kwargs: Any) -> None:
    # A visit planned or recorded also changes whom the lists suggest visiting next.
    forget_coverage()
    _company_row_changed(instance, **kwargs)


def _case_meeting_changed(instance: CaseMeeting, **_: Any) -> None:
    refresh_after_commit(
        company_ids=[Case.objects.values_list("company_id", flat=True).get(pk=instance.case_id)]
    )


def _meeting_saved(instance: Meeting, created: bool, **_: Any) -> None:
    # A new meeting has no visit, case or invitee yet; a moved or cancelled one may have.
    if not created:
        refresh_after_commit(meeting_ids=[instance.pk])


def _answer_recorded(invitation: Invitation, previous_answer: str, **_: Any) -> None:
    if Answer.ACCEPTED in (previous_answer, invitation.answer) and invitation.email:
        refresh_after_commit(addresses=[invitation.email])


def _register_changed(**_: Any) -> None:
    forget_coverage()


def _on_save_and_delete(receiver: Callable[..., None], model: type[Model], name: str) -> None:
    post_save.connect(receiver, sender=model, dispatch_uid=f"companies.{name}.saved")
    post_delete.connect(receiver, sender=model, dispatch_uid=f"companies.{name}.deleted")


def connect() -> None:
    _on_save_and_delete(_register_changed, Company, "coverage.company")
    _on_save_and_delete(_register_changed, CoverageGoal, "coverage.goal")
    post_save.connect(_case_saved, sender=Case, dispatch_uid="companies.last_met.case.saved")
    post_delete.connect(_company_row_changed, sender=Case, dispatch_uid="companies.last_met.case.deleted")
    _on_save_and_delete(_visit_changed, Visit, "last_met.visit")
    _on_save_and_delete(_company_row_changed, Contact, "last_met.contact")
    _on_save_and_delete(_case_meeting_changed, CaseMeeting, "last_met.case_meeting")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="companies.last_met.meeting")
    answer_recorded.connect(_answer_recorded, dispatch_uid="companies.last_met.answer")
