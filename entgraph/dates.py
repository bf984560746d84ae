"""Document dates: parsed leniently, kept as ISO dates.

A date comes from the input's metadata (a ``--date-field``, an HTML page's metadata, a
WARC record), never from the article text. Anything ``dateutil`` reads is accepted:
ISO dates and times, RFC 2822, "March 5, 2016". Times and time zones are dropped after
converting to UTC, so two documents published at the same instant get the same day.

>>> parse_date("2016-03-05T23:30:00-05:00")
'2016-03-06'
>>> parse_date("Sat, 05 Mar 2016 10:00:00 GMT")
'2016-03-05'
>>> parse_date("2016-03-05T10:00Z")
'2016-03-05'
>>> parse_date("not a date") is None
True
"""

from __future__ import annotations

import datetime as _dt

__all__ = ["parse_date"]


def parse_date(value: object) -> str | None:
    """The ISO date (``YYYY-MM-DD``) of ``value``, or None when it is not a date.

    Accepts strings, :class:`datetime.date` and :class:`datetime.datetime`. An aware
    datetime is converted to UTC first; a naive one is taken as written.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        moment = value
    elif isinstance(value, _dt.date):
        return value.isoformat()
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        from dateutil import parser  # here: a build of undated documents needs none

        try:
            moment = parser.parse(text)
        except (ValueError, OverflowError):
            return None
    else:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(_dt.timezone.utc)
    return moment.date().isoformat()
