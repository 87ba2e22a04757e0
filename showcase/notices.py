"""What the showcase's notifications say, in the recipient's language; the kinds are `workflow.Notice`.

Registered with the outbox when the app is ready (`ShowcaseConfig.ready`). A refusal's reason travels as the
notification's `message`, shown under the text as the centre's message.
"""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import MessageKind, message_kinds_register
from showcase.workflow import Notice

KINDS = [
    MessageKind(
        Notice.APPROVED,
        subject=_("Your products are on the showcase: %(trade_name)s"),
        body=_(
            "We are pleased to tell you that the centre approved your showcase entry for %(trade_name)s: visitors "
            "to the portal now see your products and your contact links."
        ),
    ),
    MessageKind(
        Notice.REFUSED,
        subject=_("Showcase entry for %(trade_name)s not approved"),
        body=_(
            "We regret that the centre did not approve the latest changes to your showcase entry for "
            "%(trade_name)s, for the reason below. You can correct them and send them again from your account page; "
            "the approved version, if there is one, stays on the showcase meanwhile."
        ),
    ),
]


def register() -> None:
    """Make the showcase's kinds known to the outbox."""
    message_kinds_register(*KINDS)
