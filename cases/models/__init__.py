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
    "Case",
    "CaseNote",
    "CaseNumberSequence",
    "CaseStatus",
    "DigestFrequency",
    "EvidenceFile",
    "MessageDirection",
    "Priority",
    "PurgedCase",
    "Report",
    "ReporterMessage",
    "BiasBasis",
    "CrdcCategory",
    "District",
    "DistrictClosure",
    "DistrictGroupObjectPermission",
    "DistrictUserObjectPermission",
    "IncidentType",
    "School",
    "SchoolGroupObjectPermission",
    "SchoolUserObjectPermission",
    "StaffMembership",
    "StaffPreference",
]
