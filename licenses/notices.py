"""What the licensing notifications say, in the recipient's language; the kinds are `workflow.Notice`.

The wording lives here once; the portal list, the e-mail (text and HTML) and the SMS all render from it. Registered
with the outbox when the app is ready (`LicensesConfig.ready`).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from licenses.models.workflow import Notice
from notifications.kinds import MessageKind, Paragraph, message_kinds_register

KINDS = [
    MessageKind(
        Notice.APPLICATION_RECEIVED,
        subject=_("Application %(reference)s received"),
        body=_(
            "We have received your application %(reference)s for the %(package)s package. The centre will review it "
            "and tell you of every step."
        ),
    ),
    MessageKind(
        Notice.UNDER_REVIEW,
        subject=_("Application %(reference)s is under review"),
        body=_(
            "A reviewer of the centre has started reviewing your application %(reference)s for the %(package)s "
            "package. Nothing is needed from you for now: we will tell you of the next step."
        ),
    ),
    MessageKind(
        Notice.INFO_REQUESTED,
        subject=_("Action needed: information requested on %(reference)s"),
        body=_(
            "The centre needs more information on your application %(reference)s. Reason: %(reason)s. "
            "Please answer on the portal and send the application again."
        ),
    ),
    MessageKind(
        Notice.APPROVED,
        subject=_("Application %(reference)s approved"),
        body=_(
            "The centre has approved your application %(reference)s and sent it to the Economic Development "
            "Department. The fee to pay is AED %(fee_total)s."
        ),
        amounts=("fee_total",),
    ),
    MessageKind(
        Notice.ISSUED,
        subject=_("Your Etimad licence %(licence_number)s is issued"),
        body=_(
            "The Economic Development Department has issued your Etimad licence %(licence_number)s for the "
            "%(package)s package, valid until %(expiry_date)s."
        ),
        dates=("expiry_date",),
    ),
    MessageKind(
        Notice.REJECTED,
        subject=_("Application %(reference)s not approved"),
        body=_(
            "We are sorry to tell you that your application %(reference)s was not approved. Reason: %(reason)s. "
            "You may apply again once the reason is put right."
        ),
    ),
    MessageKind(
        Notice.WITHDRAWN,
        subject=_("Application %(reference)s withdrawn"),
        body=_("Your application %(reference)s has been withdrawn."),
    ),
    MessageKind(
        Notice.RENEWAL_REMINDER,
        subject=_("Your licence %(licence_number)s expires on %(expiry_date)s"),
        body=_(
            "Your Etimad licence %(licence_number)s for the %(package)s package expires on %(expiry_date)s. "
            "Renew it on the portal to keep trading."
        ),
        dates=("expiry_date",),
    ),
    MessageKind(
        Notice.STAFF_APPLICATION_SUBMITTED,
        subject=_("New application to review: %(reference)s"),
        body=_("%(family_name)s has submitted application %(reference)s for the %(package)s package."),
    ),
    MessageKind(
        Notice.STAFF_OVERDUE_DIGEST,
        # The form (one, two, eleven…) is chosen by the context's "count": every item of every paragraph. Other
        # apps add their paragraphs (`licenses.services.staff_digest_section_add`).
        subject=ngettext_lazy(
            "Staff digest: %(count)s item is overdue",
            "Staff digest: %(count)s items are overdue",
            "count",
        ),
        body=_("The centre's daily list of what is overdue."),
        paragraphs=(
            Paragraph("references", _("Applications that have waited longer than the service level: %(references)s.")),
        ),
    ),
]


def register() -> None:
    """Make the licensing kinds known to the outbox."""
    message_kinds_register(*KINDS)
