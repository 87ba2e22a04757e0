"""Every write of the licensing rules, one module per subject; callers import them from here.

`applications`: applications, their documents and the workflow (`application_transition`); `licences`: the
licences DED issues; `fees`: fee assessments; `reminders`: scheduled messages; `calendar`: announced holidays;
`notices`: what each step tells the family and the staff; `certificates`: the
licence certificate (PDF) and its public verification link. Celery tasks (`licenses.tasks`) import these; these
never import the tasks.
"""

from licenses.services.applications import (
    ANSWER_FIELDS,
    application_document_add,
    application_document_remove,
    application_draft_create,
    application_draft_delete,
    application_renewal_create,
    application_transition,
    application_update,
)
from licenses.services.calendar import calendar_day_save
from licenses.services.certificates import (
    licence_certificate_filename,
    licence_certificate_pdf,
    licence_verification_link_renew,
    licence_verification_url,
)
from licenses.services.fees import (
    fee_assess,
    fee_assessment_publish,
    fee_assessment_request,
    fee_assessments_due,
    fee_reassess,
)
from licenses.services.licences import licence_expire_due, licence_record
from licenses.services.notices import application_status_changed
from licenses.services.reminders import (
    DigestSection,
    licence_reminders_send,
    overdue_digest_send,
    staff_digest_section_add,
)

__all__ = [
    "ANSWER_FIELDS",
    "DigestSection",
    "application_document_add",
    "application_document_remove",
    "application_draft_create",
    "application_draft_delete",
    "application_renewal_create",
    "application_status_changed",
    "application_transition",
    "application_update",
    "calendar_day_save",
    "fee_assess",
    "fee_assessment_publish",
    "fee_assessment_request",
    "fee_assessments_due",
    "fee_reassess",
    "licence_certificate_filename",
    "licence_certificate_pdf",
    "licence_expire_due",
    "licence_record",
    "licence_reminders_send",
    "licence_verification_link_renew",
    "licence_verification_url",
    "overdue_digest_send",
    "staff_digest_section_add",
]
