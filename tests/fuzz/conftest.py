"""Shared strategies and settings for the fuzz tests: odd input of every kind, and a
moderate number of examples so the suite stays fast."""

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that has broken web applications: NUL and other control characters, lone
# surrogates are excluded (they cannot be encoded), but right-to-left marks,
# full-width digits, emoji and CJK are in.
odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(
        [
            "\x00",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "%00",
            "１２３",
            "3000万",
            "1e309",
            "NaN",
            "-0",
            "\u202e",
            "😀" * 50,
            "北京" * 100,
            " " * 1000,
        ]
    ),
)

huge_numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)


@pytest.fixture
def guide(db) -> None:
    """The guide's content and rules, as the portal ships them."""
    call_command("loaddata", "content", "rules", verbosity=0)
