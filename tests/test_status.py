"""An application status is worked out from the dates, on both sides of each
boundary, in Beijing's calendar; a closed window never reads as open."""

from datetime import UTC, date, datetime, timedelta

import pytest

from policies.status import ApplicationStatus, application_status, beijing_today

from .factories import PolicyFactory

OPENS = date(2026, 3, 1)
CLOSES = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 28), ApplicationStatus.UPCOMING),
        (OPENS, ApplicationStatus.OPEN),
        (CLOSES, ApplicationStatus.OPEN),
        (date(2026, 4, 1), ApplicationStatus.CLOSED),
    ],
)
def test_window_is_upcoming_open_then_closed_with_both_ends_inclusive(today, expected):
    assert application_status(today=today, opens=OPENS, closes=CLOSES) == expected


def test_window_without_a_close_date_stays_open_from_its_first_day():
    assert (
        application_status(today=date(2026, 2, 28), opens=OPENS)
        == ApplicationStatus.UPCOMING
    )
    assert application_status(today=date(2030, 1, 1), opens=OPENS) == "open"


def test_deadline_alone_is_open_until_it_and_closed_the_day_after():
    assert application_status(today=CLOSES, closes=CLOSES) == ApplicationStatus.OPEN
    assert (
        application_status(today=date(2026, 4, 1), closes=CLOSES)
        == ApplicationStatus.CLOSED
    )


def test_rolling_intake_is_rolling_until_the_policy_ends():
    ends = date(2026, 12, 31)

    assert (
        application_status(today=ends, rolling=True, valid_until=ends)
        == ApplicationStatus.ROLLING
    )
    assert (
        application_status(today=date(2027, 1, 1), rolling=True, valid_until=ends)
        == ApplicationStatus.CLOSED
    )


def test_rolling_intake_that_starts_later_is_upcoming_first():
    assert (
        application_status(today=date(2026, 2, 28), opens=OPENS, rolling=True)
        == ApplicationStatus.UPCOMING
    )
    assert (
        application_status(today=OPENS, opens=OPENS, rolling=True)
        == ApplicationStatus.ROLLING
    )


def test_policy_end_closes_a_window_that_would_still_run():
    ends = date(2026, 3, 15)

    assert (
        application_status(today=ends, opens=OPENS, closes=CLOSES, valid_until=ends)
        == ApplicationStatus.OPEN
    )
    assert (
        application_status(
            today=date(2026, 3, 16), opens=OPENS, closes=CLOSES, valid_until=ends
        )
        == ApplicationStatus.CLOSED
    )


def test_no_dates_and_no_rolling_intake_is_unannounced_not_open():
    assert application_status(today=OPENS) == ApplicationStatus.UNANNOUNCED
    assert (
        application_status(today=OPENS, valid_until=CLOSES)
        == ApplicationStatus.UNANNOUNCED
    )


def test_beijing_date_turns_at_midnight_china_standard_time_not_utc():
    before = datetime(2026, 3, 31, 15, 59, tzinfo=UTC)  # 23:59 in Beijing
    after = datetime(2026, 3, 31, 16, 0, tzinfo=UTC)  # 00:00 on 1 April in Beijing

    assert beijing_today(before) == CLOSES
    assert beijing_today(after) == date(2026, 4, 1)
    assert application_status(today=beijing_today(after), closes=CLOSES) == "closed"


@pytest.mark.django_db
def test_policy_page_shows_the_status_the_dates_give_today(client):
    today = beijing_today()
    open_now = PolicyFactory(
        application_opens=today - timedelta(days=1),
        application_closes=today + timedelta(days=1),
    )
    closed = PolicyFactory(application_closes=today - timedelta(days=1))
    lapsed = PolicyFactory(valid_until=today - timedelta(days=1))

    open_html = client.get(open_now.get_absolute_url()).content.decode()
    closed_html = client.get(closed.get_absolute_url()).content.decode()
    lapsed_html = client.get(lapsed.get_absolute_url()).content.decode()

    assert "application-status--open" in open_html
    assert "Open until" in open_html
    assert "application-status--closed" in closed_html
    assert "application-status--open" not in closed_html
    assert "This policy has expired" in lapsed_html
    assert "It was valid until" in lapsed_html
