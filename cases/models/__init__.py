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
from .outbox import OutboxMessage, OutboxStatus
from .preferences import DigestFrequency, StaffPreference
from .report import EvidenceFile, MessageDirection, Report, ReporterMessage
from .retention import PurgedCase
from .taxonomy import BiasBasis, CrdcCategory, IncidentType
from .transfer import (
    IncidentSummaryShare,
    RecordKind,
    RecordsChecklistItem,
    TransferMessage,
    TransferReason,
    TransferRequest,
    TransferRequestGroupObjectPermission,
    TransferRequestUserObjectPermission,
    TransferStatus,
    TransferStep,
)

__all__ = [
    "AuditEvent",
    "Case",
    "CaseNote",
    "CaseNumberSequence",
    "CaseStatus",
    "DigestFrequency",
    "EvidenceFile",
    "MessageDirection",
    "OutboxMessage",
    "OutboxStatus",
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
    "IncidentSummaryShare",
    "RecordKind",
    "RecordsChecklistItem",
    "TransferMessage",
    "TransferReason",
    "TransferRequest",
    "TransferRequestGroupObjectPermission",
    "TransferRequestUserObjectPermission",
    "TransferStatus",
    "TransferStep",
]
