"""Phone numbers: one valid number in any usual spelling gives one E.164 number."""
from __future__ import annotations

from hypothesis import given, strategies as st

from simulator.connect.phones import normalise

AREA = st.sampled_from(["202", "212", "312", "415", "617", "718"])
LINE = st.integers(min_value=0, max_value=9999)
EXCHANGE = st.integers(min_value=200, max_value=999)


@given(AREA, EXCHANGE, LINE)
def test_spellings_of_one_us_number_agree(area, exchange, line):
    number = f"{exchange:03d}{line:04d}"
    spellings = [f"({area}) {number[:3]}-{number[3:]}", f"{area}.{number[:3]}.{number[3:]}",
                 f"+1 {area} {number[:3]} {number[3:]}", f"1-{area}-{number[:3]}-{number[3:]}"]
    results = {normalise(s) for s in spellings}
    assert len(results) == 1
    (result,) = results
    if result is not None:
        assert result == f"+1{area}{number}"


@given(st.text(alphabet="0123456789+-() .", max_size=20))
def test_normalising_is_stable(raw):
    result = normalise(raw)
    if result is not None:
        assert result.startswith("+") and result[1:].isdigit()
        assert normalise(result) == result
        assert normalise(result, "GB") == result


def test_too_short_or_not_a_number_is_refused():
    assert normalise("555-12") is None
    assert normalise("call me") is None
