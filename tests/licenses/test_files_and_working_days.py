"""The document type check (by content, not by name) and the working-days arithmetic of the service level."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from licenses.files import content_type_sniff, document_file_check
from licenses.working_days import add_working_days, working_days_between
from tests.licenses.factories import jpeg_bytes, pdf_bytes, png_bytes, upload


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (pdf_bytes(), "application/pdf"),
        (png_bytes(), "image/png"),
        (jpeg_bytes(), "image/jpeg"),
        (b"GIF89a....", None),
        (b"<html><script>alert(1)</script>", None),
        (b"PK\x03\x04 a zip or docx", None),
        (b"", None),
    ],
)
def test_the_type_comes_from_the_first_bytes(content, expected):
    assert content_type_sniff(content[:16]) == expected


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("scan.pdf", pdf_bytes(), "application/pdf"),
        ("scan.PDF", pdf_bytes(), "application/pdf"),
        ("photo.jpeg", jpeg_bytes(), "image/jpeg"),
        ("photo.png", png_bytes(), "image/png"),
    ],
)
def test_accepted_files_give_their_true_type(name, content, expected):
    assert document_file_check(upload(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("page.pdf", b"<html>not a pdf</html>", "type"),
        ("photo.png", pdf_bytes(), "type_mismatch"),
        ("scan.pdf", png_bytes(), "type_mismatch"),
        ("passport.bat", pdf_bytes(), "extension"),
        ("no-extension", png_bytes(), "extension"),
        ("photo.png.exe", png_bytes(), "extension"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refused_files_say_why(name, content, code):
    with pytest.raises(ValidationError) as refusal:
        document_file_check(upload(name, content))
    assert refusal.value.code == code


def test_the_size_limit_comes_from_settings(settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    document_file_check(upload("small.png", png_bytes()))
    with pytest.raises(ValidationError) as refusal:
        document_file_check(upload("big.pdf", pdf_bytes() + b" " * 2048))
    assert refusal.value.code == "too_large"


def test_the_default_limit_is_5_mb(settings):
    assert settings.DOCUMENT_MAX_BYTES == 5 * 1024 * 1024


MONDAY = datetime.date(2026, 1, 5)


def test_five_working_days_after_a_monday_is_the_next_monday():
    assert add_working_days(MONDAY, 5) == datetime.date(2026, 1, 12)


def test_the_weekend_is_not_counted():
    friday = datetime.date(2026, 1, 9)
    assert add_working_days(friday, 1) == datetime.date(2026, 1, 12)
    assert add_working_days(datetime.date(2026, 1, 10), 1) == datetime.date(2026, 1, 12)  # from a Saturday


def test_counting_back_skips_the_weekend():
    assert add_working_days(datetime.date(2026, 1, 12), -1) == datetime.date(2026, 1, 9)
    assert add_working_days(datetime.date(2026, 1, 13), -5) == datetime.date(2026, 1, 6)


def test_working_days_between_counts_the_days_after_the_start():
    assert working_days_between(MONDAY, MONDAY) == 0
    assert working_days_between(MONDAY, datetime.date(2026, 1, 12)) == 5
    assert working_days_between(datetime.date(2026, 1, 9), datetime.date(2026, 1, 11)) == 0  # Friday to Sunday


@pytest.mark.parametrize("count", range(0, 12))
def test_adding_then_counting_working_days_agree(count):
    for start in (MONDAY + datetime.timedelta(days=offset) for offset in range(7)):
        assert working_days_between(start, add_working_days(start, count)) == count
