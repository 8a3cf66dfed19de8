from .audit import AuditEvent
from .case import Case, CaseNote, CaseNumberSequence, CaseStatus, Priority
from .organisation import (
    District,
    DistrictClosure,
    DistrictGroupObjectPermission,
    DistrictUserObjectPermission,
    School,
    SchoolGroupObjectPermission,
    SchoolUserObjectPermission,
    StaffMembership,
)
from .preferences import DigestFrequency, StaffPreference
from .report import EvidenceFile, MessageDirection, Report, ReporterMessage
from .retention import PurgedCase
from .taxonomy import BiasBasis, CrdcCategory, IncidentType

__all__ = [
    "AuditEvent",
    "BiasBasis",
    "Case",
    "CaseNote",
    "CaseNumberSequence",
    "CaseStatus",
    "CrdcCategory",
    "DigestFrequency",
    "District",
    "DistrictClosure",
    "DistrictGroupObjectPermission",
    "DistrictUserObjectPermission",
    "EvidenceFile",
    "IncidentType",
    "MessageDirection",
    "Priority",
    "PurgedCase",
    "Report",
    "ReporterMessage",
    "School",
    "SchoolGroupObjectPermission",
    "SchoolUserObjectPermission",
    "StaffMembership",
    "StaffPreference",
]
