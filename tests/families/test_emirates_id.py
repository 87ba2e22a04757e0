import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from families.emirates_id import emirates_id_masked, emirates_id_normalize, emirates_id_validate, luhn_check_digit
from tests.factories import emirates_id_for

VALID = emirates_id_for(1985, 1234567)


def with_check_digit(digit: int, *, year: int = 1985, serial: int = 1234567) -> str:
    return f"784-{year}-{serial:07d}-{digit}"


def test_a_emirates_id_for_is_accepted_and_returned_dashed():
    assert emirates_id_validate(VALID) == VALID


@pytest.mark.parametrize("typed", [VALID.replace("-", ""), VALID.replace("-", " "), f"  {VALID}  "])
def test_spaces_and_dashes_typed_by_a_person_are_accepted(typed):
    assert emirates_id_normalize(typed) == VALID


def test_arabic_indic_digits_are_read_as_the_digits_they_are():
    arabic = VALID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert emirates_id_validate(arabic) == VALID


@pytest.mark.parametrize(
    "typed",
    ["", "784", "78419851234567", "7841985123456789", "785-1985-1234567-1", "784-1985-123456A-1", "784-١٩٨٥-123456"],
)
def test_a_malformed_emirates_id_is_refused_with_the_format_message(typed):
    with pytest.raises(ValidationError) as error:
        emirates_id_validate(typed)
    assert error.value.code == "emirates_id_format"


def test_a_wrong_check_digit_is_refused():
    wrong = (int(VALID[-1]) + 1) % 10
    with pytest.raises(ValidationError) as error:
        emirates_id_validate(with_check_digit(wrong))
    assert error.value.code == "emirates_id_checksum"


def test_a_birth_year_that_does_not_match_the_date_of_birth_is_refused():
    with pytest.raises(ValidationError) as error:
        emirates_id_validate(VALID, date_of_birth=datetime.date(1986, 3, 14))
    assert error.value.code == "emirates_id_birth_year"


def test_the_birth_year_matching_the_date_of_birth_is_accepted():
    assert emirates_id_validate(VALID, date_of_birth=datetime.date(1985, 12, 31)) == VALID


def test_the_masked_form_hides_the_serial_and_most_of_the_year():
    masked = emirates_id_masked(VALID)
    assert masked.startswith("784-19")
    assert "1234567" not in masked and "1985" not in masked
    assert masked.endswith(VALID[-1])


def test_masking_something_that_is_not_an_emirates_id_shows_a_dash():
    assert emirates_id_masked("") == "—"


years = st.integers(min_value=1900, max_value=2030)
serials = st.integers(min_value=0, max_value=9_999_999)


@given(year=years, serial=serials)
def test_every_number_with_its_luhn_check_digit_is_valid(year, serial):
    number = emirates_id_for(year, serial)
    assert emirates_id_validate(number, date_of_birth=datetime.date(year, 1, 1)) == number


@given(year=years, serial=serials, shift=st.integers(min_value=1, max_value=9))
def test_every_other_check_digit_is_refused(year, serial, shift):
    good = int(emirates_id_for(year, serial)[-1])
    with pytest.raises(ValidationError):
        emirates_id_validate(with_check_digit((good + shift) % 10, year=year, serial=serial))


@given(year=years, serial=serials, position=st.integers(min_value=3, max_value=13), shift=st.integers(1, 9))
def test_a_single_mistyped_digit_is_always_caught(year, serial, position, shift):
    digits = emirates_id_for(year, serial).replace("-", "")
    mistyped = digits[:position] + str((int(digits[position]) + shift) % 10) + digits[position + 1 :]
    assert luhn_check_digit(mistyped[:14]) != int(mistyped[14])
