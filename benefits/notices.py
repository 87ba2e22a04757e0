"""What the benefits' notifications say, in the recipient's language; the kinds are `workflow.Notice`.

Registered with the outbox when the app is ready (`BenefitsConfig.ready`). The reviewer's reason travels as the
notification's `message`, shown under the text as the centre's message.
"""

from django.utils.translation import gettext_lazy as _

from benefits.models.workflow import Notice
from licenses.models import Notice as LicensingNotice
from notifications.kinds import MessageKind, Paragraph, message_kind_paragraph_add, message_kinds_register

EXHIBITION_DATES = ("starts_on", "ends_on")

KINDS = [
    MessageKind(
        Notice.BOOTH_APPLIED,
        subject=_("Booth application for %(exhibition)s received"),
        body=_(
            "We have received your application for a booth at %(exhibition)s (%(starts_on)s to %(ends_on)s). "
            "The centre will tell you its answer."
        ),
        dates=EXHIBITION_DATES,
    ),
    MessageKind(
        Notice.BOOTH_ACCEPTED,
        subject=_("Your booth at %(exhibition)s is confirmed"),
        body=_(
            "We are pleased to tell you that your booth at %(exhibition)s, %(venue)s, from %(starts_on)s to "
            "%(ends_on)s, is confirmed. If you can no longer come, withdraw on the portal so that another family "
            "can have the booth."
        ),
        dates=EXHIBITION_DATES,
    ),
    MessageKind(
        Notice.BOOTH_WAITLISTED,
        subject=_("Booth application for %(exhibition)s: on the waiting list"),
        body=_(
            "Your application for a booth at %(exhibition)s is on the waiting list. If a booth becomes free, it "
            "goes to the families on the list in the order they applied, and we will tell you."
        ),
        dates=EXHIBITION_DATES,
    ),
    MessageKind(
        Notice.BOOTH_DECLINED,
        subject=_("Booth application for %(exhibition)s not accepted"),
        body=_(
            "We regret that your application for a booth at %(exhibition)s was not accepted. You can apply for "
            "the centre's other exhibitions on the portal."
        ),
        dates=EXHIBITION_DATES,
    ),
    MessageKind(
        Notice.BOOTH_WITHDRAWN,
        subject=_("Booth application for %(exhibition)s withdrawn"),
        body=_("Your application for a booth at %(exhibition)s has been withdrawn."),
        dates=EXHIBITION_DATES,
    ),
    MessageKind(
        Notice.ENROLLED,
        subject=_("Enrolled in %(course)s"),
        body=_("Your enrolment in the course %(course)s is confirmed. The first session is on %(date)s at %(time)s."),
        dates=("date",),
    ),
    MessageKind(
        Notice.ENROLMENT_WAITLISTED,
        subject=_("On the waiting list for %(course)s"),
        body=_(
            "Every seat of %(course)s is taken for now, so your enrolment is on the waiting list, in place "
            "%(position)s. If a seat becomes free before enrolment closes, it goes to the list in order, and we "
            "will tell you."
        ),
    ),
    MessageKind(
        Notice.ENROLMENT_CANCELLED,
        subject=_("Enrolment in %(course)s cancelled"),
        body=_("Your enrolment in %(course)s has been cancelled. You can enrol again while enrolment is open."),
    ),
    MessageKind(
        Notice.SEAT_OFFERED,
        subject=_("A seat in %(course)s is now yours"),
        body=_(
            "A seat in %(course)s became free and, as first on the waiting list, you have it. The first session "
            "is on %(date)s at %(time)s."
        ),
        dates=("date",),
    ),
    MessageKind(
        Notice.COURSE_COMPLETED,
        subject=_("You completed %(course)s"),
        body=_(
            "Congratulations: you attended every session of %(course)s. Your completion letter is on your account page."
        ),
    ),
    MessageKind(
        Notice.SESSION_REMINDER,
        subject=_("Reminder: %(course)s tomorrow at %(time)s"),
        body=_("A session of %(course)s is tomorrow, %(date)s, from %(time)s, at %(place)s."),
        dates=("date",),
    ),
    MessageKind(
        Notice.FOLLOW_UP_NEXT_STEP,
        subject=_("A next step for your project %(trade_name)s"),
        body=_(
            "Following the centre's follow-up of %(date)s, the next step agreed for your project is: %(next_step)s. "
            "It is due by %(due_on)s. When it is done, please tell the centre on your account page."
        ),
        dates=("date", "due_on"),
    ),
    MessageKind(
        Notice.FOLLOW_UP_ADVICE,
        subject=_("Advice from the centre for your project %(trade_name)s"),
        body=_("Following the centre's follow-up of %(date)s, here is its advice. It is also on your account page."),
        dates=("date",),
    ),
]

# The overdue next steps, in the licensing staff digest (`licenses.services.staff_digest_section_add`).
OVERDUE_STEPS = Paragraph(
    "follow_up_steps", _("Incubation next steps past their due date (licence and due date): %(follow_up_steps)s.")
)


def register() -> None:
    """Make the benefits' kinds known to the outbox, and their paragraph of the staff digest."""
    message_kinds_register(*KINDS)
    message_kind_paragraph_add(code=LicensingNotice.STAFF_OVERDUE_DIGEST, paragraph=OVERDUE_STEPS)
