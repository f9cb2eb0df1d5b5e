"""Whether a policy takes applications today, worked out from its dates.

Staff enter only the dates an agency's notice gives (the window, or that it accepts
applications at any time); the status follows from them and today's date in
Beijing, so it is never typed and a window that has closed can never read as open.
Plain Python, so the boundaries are tested without a database.
"""

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


class ApplicationStatus(StrEnum):
    OPEN = "open"
    UPCOMING = "upcoming"
    CLOSED = "closed"
    ROLLING = "rolling"
    UNANNOUNCED = "unannounced"


def beijing_today(now: datetime | None = None) -> date:
    """The calendar date in Beijing at ``now`` (default: this moment).

    Agencies count days in China Standard Time: at 01:00 in Beijing it is already
    tomorrow's deadline day, whatever the server's clock says.
    """
    return (now or datetime.now(tz=BEIJING)).astimezone(BEIJING).date()


def application_status(
    *,
    today: date,
    opens: date | None = None,
    closes: date | None = None,
    rolling: bool = False,
    valid_until: date | None = None,
) -> ApplicationStatus:
    """The status of an application window on ``today``.

    ``opens`` and ``closes`` are the first and last days applications are accepted
    (both inclusive); the policy's own end, ``valid_until``, closes any window with
    it. With no dates and no rolling intake the agency has announced nothing yet.
    """
    last_day = min((d for d in (closes, valid_until) if d is not None), default=None)
    if last_day is not None and today > last_day:
        return ApplicationStatus.CLOSED
    if opens is not None and today < opens:
        return ApplicationStatus.UPCOMING
    if rolling:
        return ApplicationStatus.ROLLING
    if opens is not None or closes is not None:
        return ApplicationStatus.OPEN
    return ApplicationStatus.UNANNOUNCED
