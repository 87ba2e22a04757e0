"""Applications for Etimad licences, their documents and history, and the licences DED issues."""

from licenses.models.application import Application, Kind, ProductionPlace, ReferenceCounter
from licenses.models.documents import ApplicationDocument, documents_storage
from licenses.models.events import REASON_KIND_FOR, ApplicationEvent, Reason
from licenses.models.fees import FeeAssessment
from licenses.models.licence import Licence
from licenses.models.workflow import (
    EDITABLE_STATUSES,
    FAMILY_LABELS,
    OPEN_STATUSES,
    TRANSITIONS,
    WAITING_FOR_CENTRE,
    Role,
    Status,
    transitions_from,
)

__all__ = [
    "EDITABLE_STATUSES",
    "FAMILY_LABELS",
    "OPEN_STATUSES",
    "REASON_KIND_FOR",
    "TRANSITIONS",
    "WAITING_FOR_CENTRE",
    "Application",
    "ApplicationDocument",
    "ApplicationEvent",
    "FeeAssessment",
    "Kind",
    "Licence",
    "ProductionPlace",
    "Reason",
    "ReferenceCounter",
    "Role",
    "Status",
    "documents_storage",
    "transitions_from",
]
