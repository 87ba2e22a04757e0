"""What a step leaves in an application's history (`ApplicationEvent`): the row's fields, and what it records.

One place for the two writers of history: `application_transition`, which writes one row per step, and the scale
data set (`demo.scale.rows`), which writes the same rows by the hundred thousand without the service. What each
step records (`data`) is read by the timeline, the review page and the notices, so both must write it alike.
"""

import datetime
from collections.abc import Iterable, Mapping

from licenses.models import ANSWER_FIELDS
from packages_catalog.models import Activity


def event_fields(
    *,
    from_status: str,
    to_status: str,
    at: datetime.datetime,
    message: str = "",
    internal_note: str = "",
    notify_family: bool = True,
    data: dict | None = None,
) -> dict:
    """Every field of a step's history row but its application, actor and reason, which the caller gives as
    instances (the service) or as keys (a bulk writer). Every step is shown to the family; its texts are kept
    without surrounding blanks."""
    return {
        "from_status": from_status,
        "to_status": to_status,
        "at": at,
        "message": message.strip(),
        "internal_note": internal_note.strip(),
        "is_public": True,
        "notify_family": notify_family,
        "data": {} if data is None else data,
    }


def submission_event_data(
    *, answers: Mapping[str, object], activities: Iterable[Activity], family: dict, documents: Iterable[int]
) -> dict:
    """What sending records: the family's answers (each of `ANSWER_FIELDS`, read from `answers`) with the English
    names of its activities, the family's profile as sent (`families.selectors.family_snapshot`), and the keys of
    the documents current at that moment."""
    return {
        "answers": {
            **{name: answers[name] for name in ANSWER_FIELDS},
            "activities": [activity.name_en for activity in activities],
        },
        "family": family,
        "documents": list(documents),
    }


def issue_event_data(*, licence_number: str, issued_on: datetime.date, expires_on: datetime.date) -> dict:
    """What recording the licence DED issued records: its number, and its issue and expiry dates as ISO text."""
    return {"licence_number": licence_number, "issued_on": str(issued_on), "expires_on": str(expires_on)}
