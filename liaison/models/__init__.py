from liaison.models.attachments import Attachment
from liaison.models.audit import PersonalDataSeen, PersonalDataSeenKind
from liaison.models.case_meetings import CaseMeeting
from liaison.models.cases import CASE_TRANSITIONS, OPEN_STATUSES, Case, CaseStatus, ReferenceCounter
from liaison.models.departments import Department, DepartmentKind
from liaison.models.events import CaseEvent, EventKind
from liaison.models.link_requests import LinkRequest
from liaison.models.ratelimit import RateLimitWindow
from liaison.models.referrals import (
    ACTIVE_REFERRAL_STATUSES,
    REFERRAL_TRANSITIONS,
    Referral,
    ReferralStatus,
)
from liaison.models.topics import Topic

__all__ = [
    "ACTIVE_REFERRAL_STATUSES",
    "CASE_TRANSITIONS",
    "OPEN_STATUSES",
    "REFERRAL_TRANSITIONS",
    "Attachment",
    "Case",
    "CaseEvent",
    "CaseMeeting",
    "CaseStatus",
    "Department",
    "DepartmentKind",
    "EventKind",
    "LinkRequest",
    "PersonalDataSeen",
    "PersonalDataSeenKind",
    "RateLimitWindow",
    "ReferenceCounter",
    "Referral",
    "ReferralStatus",
    "Topic",
]
