from relocation.models.network import Introduction, IntroductionStatus, NetworkEmployer
from relocation.models.partners import (
    OPEN_STATUSES,
    PARTNER_TRANSITIONS,
    ContactWay,
    Partner,
    PartnerEvent,
    PartnerEventKind,
    PartnerLanguage,
    PartnerQuerySet,
    PartnerStatus,
    WorkExtent,
)
from relocation.models.records import Activity, ActivityInvitation, PartnerMessage, PartnerOutcome
from relocation.models.referrals import ReferralNeed, RelocationReferral

__all__ = [
    "OPEN_STATUSES",
    "PARTNER_TRANSITIONS",
    "Activity",
    "ActivityInvitation",
    "ContactWay",
    "Introduction",
    "IntroductionStatus",
    "NetworkEmployer",
    "Partner",
    "PartnerEvent",
    "PartnerEventKind",
    "PartnerLanguage",
    "PartnerMessage",
    "PartnerOutcome",
    "PartnerQuerySet",
    "PartnerStatus",
    "RelocationReferral",
    "ReferralNeed",
    "WorkExtent",
]
