from companies.models.companies import SIZE_CLASS_ORDER, Company, SizeClass
from companies.models.contacts import Contact
from companies.models.focus import CoverageGoal, FocusArea
from companies.models.followups import FOLLOW_UP_TRANSITIONS, FollowUp, FollowUpStatus
from companies.models.imports import ImportStatus, RegisterImport
from companies.models.visits import VISIT_FLAGS, VISIT_TRANSITIONS, Visit, VisitStatus

__all__ = [
    "FOLLOW_UP_TRANSITIONS",
    "SIZE_CLASS_ORDER",
    "VISIT_FLAGS",
    "VISIT_TRANSITIONS",
    "Company",
    "Contact",
    "CoverageGoal",
    "FocusArea",
    "FollowUp",
    "FollowUpStatus",
    "ImportStatus",
    "RegisterImport",
    "SizeClass",
    "Visit",
    "VisitStatus",
]
