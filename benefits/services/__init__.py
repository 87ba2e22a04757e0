"""Writes of the benefits' rules, one module per subject: `exhibitions` (exhibitions, booth applications and their
attendance), `courses` (courses, enrolments, registers and reminders), `follow_up` (the incubation follow-up files,
their visits and calls, goals and referrals, and the family's answers), and `steps`, how a step of either process is
performed. `grep -rn "def .*(" benefits/services` lists every benefits write."""

from benefits.services.courses import (
    course_enrol,
    course_save,
    course_schedule_refresh,
    enrolment_transition,
    session_attendance_record,
    session_reminders_send,
)
from benefits.services.exhibitions import (
    booth_application_transition,
    booth_attendance_record,
    exhibition_apply,
    exhibition_save,
)
from benefits.services.follow_up import (
    contact_save,
    follow_up_file_close,
    follow_up_file_open,
    goal_save,
    next_step_answer,
    referral_save,
)

__all__ = [
    "contact_save",
    "follow_up_file_close",
    "follow_up_file_open",
    "goal_save",
    "next_step_answer",
    "referral_save",
    "booth_application_transition",
    "booth_attendance_record",
    "course_enrol",
    "course_save",
    "course_schedule_refresh",
    "enrolment_transition",
    "exhibition_apply",
    "exhibition_save",
    "session_attendance_record",
    "session_reminders_send",
]
