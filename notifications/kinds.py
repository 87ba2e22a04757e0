"""The kinds of notification, declared by the apps that send them.

Notifications knows nothing of licences or exhibitions: each app names its kinds in a `TextChoices` (the stored
code and the staff's label) and registers what each says with `message_kinds_register`, from its `AppConfig.ready`.
The outbox, its claim and its delivery are the same for every kind.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Paragraph:
    """A sentence added to a kind's body when the notification's context holds a non-empty list under `key` (joined
    into the sentence as `%(key)s`): a digest says only what it has."""

    key: str
    text: Promise


@dataclass(frozen=True)
class MessageKind:
    """What a notification of one kind says. `subject` and `body` are `%`-formatted with the notification's context.

    Context values named `<key>_ar` and `<key>_en` become `<key>` in the recipient's language; the keys named in
    `dates` hold ISO dates and `amounts` sums of money, formatted for the language; `lists` are joined.
    """

    code: models.Choices
    subject: Promise
    body: Promise
    dates: tuple[str, ...] = ()
    amounts: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def label(self) -> str:
        return self.code.label


_KINDS: dict[str, MessageKind] = {}
# Paragraphs other apps add to a kind they do not declare (the benefits' lines in the licensing staff digest).
_ADDED_PARAGRAPHS: dict[str, list[Paragraph]] = {}


def message_kinds_register(*kinds: MessageKind) -> None:
    """Make `kinds` known to the outbox; a code already registered by another declaration is a programming error."""
    for kind in kinds:
        existing = _KINDS.get(kind.code.value)
        if existing is not None and existing != kind:
            raise ValueError(f"notification kind {kind.code.value!r} is declared twice")
        _KINDS[kind.code.value] = kind


def message_kind_paragraph_add(*, code: models.Choices, paragraph: Paragraph) -> None:
    """Add `paragraph` to the kind stored as `code`, declared by another app; adding it twice adds it once."""
    added = _ADDED_PARAGRAPHS.setdefault(code.value, [])
    if paragraph not in added:
        added.append(paragraph)


def message_kind_paragraphs(*, kind: MessageKind) -> list[Paragraph]:
    """The kind's own paragraphs, then those other apps added."""
    return [*kind.paragraphs, *_ADDED_PARAGRAPHS.get(kind.code.value, [])]


def message_kind_get(*, code: str) -> MessageKind:
    """The declaration of the kind stored as `code`."""
    return _KINDS[code]


def message_kind_choices() -> list[tuple[str, str]]:
    """Every registered kind as (code, label): the choices of `Notification.kind`."""
    return [(code, kind.label) for code, kind in _KINDS.items()]
