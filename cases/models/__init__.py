from .audit import AuditEvent
from .case import Case, CaseNote, CaseNumberSequence, CaseStatus, Priority
from .conflict import ConflictDeclaration
from .identity import IdentityDisclosure, IdentityRevealRequest, RevealStatus
from .organisation import (
    District,
    DistrictClosure,
    DistrictGroupObjectPermission,
    DistrictUserObjectPermission,
    School,
    SchoolGradeBand,
    SchoolGroupObjectPermission,
    SchoolUserObjectPermission,
    StaffMembership,
)
from .preferences import DigestFrequency, StaffPreference
from .report import EvidenceFile, MessageDirection, Report, ReporterMessage
from .retention import PurgedCase
from .taxonomy import (
    BiasBasis,
    CrdcCategory,
    DistrictBiasBasis,
    DistrictIncidentType,
    IncidentType,
)

__all__ = [
    "AuditEvent",
    "BiasBasis",
    "Case",
    "CaseNote",
    "CaseNumberSequence",
    "CaseStatus",
    "ConflictDeclaration",
    "CrdcCategory",
    "DigestFrequency",
    "District",
    "DistrictBiasBasis",
    "DistrictClosure",
    "DistrictGroupObjectPermission",
    "DistrictIncidentType",
    "DistrictUserObjectPermission",
    "EvidenceFile",
    "IdentityDisclosure",
    "IdentityRevealRequest",
    "IncidentType",
    "MessageDirection",
    "Priority",
    "PurgedCase",
    "Report",
    "ReporterMessage",
    "RevealStatus",
    "School",
    "SchoolGradeBand",
    "SchoolGroupObjectPermission",
    "SchoolUserObjectPermission",
    "StaffMembership",
    "StaffPreference",
]
