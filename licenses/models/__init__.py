"""Applications for Etimad licences, their documents and history, and the licences DED issues."""

from licenses.models.application import ANSWER_FIELDS, Application, Kind, ProductionPlace, ReferenceCounter
from licenses.models.calendar_days import CalendarDay
from licenses.models.documents import ApplicationDocument, document_storage_name, documents_storage
from licenses.models.events import ApplicationEvent, Reason
from licenses.models.fees import FeeAssessment
from licenses.models.licence import Licence
from licenses.models.workflow import (
    EDITABLE_STATUSES,
    FAMILY_LABELS,
    FLOW,
    OPEN_STATUSES,
    REVIEWER_STEPS,
    STEPS,
    TRANSITIONS,
    WAITING_FOR_CENTRE,
    Notice,
    ReasonKind,
    Role,
    Status,
    Step,
    transitions_from,
)

__all__ = [
    "ANSWER_FIELDS",
    "EDITABLE_STATUSES",
    "FAMILY_LABELS",
    "FLOW",
    "OPEN_STATUSES",
    "REVIEWER_STEPS",
    "STEPS",
    "TRANSITIONS",
    "WAITING_FOR_CENTRE",
    "Application",
    "ApplicationDocument",
    "ApplicationEvent",
    "CalendarDay",
    "FeeAssessment",
    "Kind",
    "Licence",
    "Notice",
    "ProductionPlace",
    "Reason",
    "ReasonKind",
    "ReferenceCounter",
    "Role",
    "Status",
    "Step",
    "document_storage_name",
    "documents_storage",
    "transitions_from",
]
