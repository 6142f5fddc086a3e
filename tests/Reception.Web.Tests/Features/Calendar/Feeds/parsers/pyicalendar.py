"""Parses an iCalendar file (UTF-8 bytes on stdin) with Debian's python3-icalendar and prints one JSON
object: {name, events: [...], errors: [...]}. Used by IcsParsers.cs; run with /usr/bin/python3.

python-icalendar is quietly tolerant: a line it cannot parse becomes an entry in the component's
`errors` list, so every component's `errors` is reported. A DTSTART/DTEND without a zone (floating),
or whose zone is not +08:00, and a VTIMEZONE that does not convert (to_tz) are reported too.
"""
import datetime
import json
import sys
import zoneinfo

import icalendar

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
result = {"name": None, "events": [], "errors": []}


def error(where, message):
    result["errors"].append(f"{where}: {message}")


def text(value):
    return None if value is None else str(value)


def local(prop, where):
    if prop is None:
        error(where, "missing")
        return None
    return local_value(prop.dt, where)


def local_value(value, where):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            error(where, "floating date-time (no TZID and no Z)")
            shanghai = value
        else:
            if value.utcoffset() != datetime.timedelta(hours=8) and value.utcoffset() != datetime.timedelta(0):
                error(where, f"UTC offset {value.utcoffset()}, not +08:00")
            shanghai = value.astimezone(SHANGHAI)
        return {"date": shanghai.strftime("%Y-%m-%d"), "time": shanghai.strftime("%H:%M:%S")}
    if isinstance(value, datetime.date):
        return {"date": value.strftime("%Y-%m-%d"), "time": None}
    error(where, f"unexpected value {value!r}")
    return None


def main():
    data = sys.stdin.buffer.read()
    try:
        source = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        error("file", f"not valid UTF-8 ({e})")
        return
    try:
        calendar = icalendar.Calendar.from_ical(source)
    except Exception as e:  # the parser raises on what it cannot tolerate
        error("file", f"python-icalendar raised: {e}")
        return
    if calendar.name != "VCALENDAR":
        error("file", f"top component is {calendar.name}, not VCALENDAR")
    for required in ("PRODID", "VERSION"):
        if required not in calendar:
            error("VCALENDAR", f"missing {required}")
    result["name"] = text(calendar.get("X-WR-CALNAME") or calendar.get("NAME"))

    for component in calendar.walk():
        uid = component.get("UID")
        where = f"{component.name}{' ' + str(uid) if uid else ''}"
        for prop, message in component.errors:
            error(where, f"{prop or 'line'}: {message}")
        if component.name == "VTIMEZONE":
            try:
                tz = component.to_tz()
                offset = datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.timezone.utc).astimezone(tz).utcoffset() \
                    if not hasattr(tz, "localize") else tz.localize(datetime.datetime(2026, 1, 1, 12, 0)).utcoffset()
                if str(component.get("TZID")) == "Asia/Shanghai" and offset != datetime.timedelta(hours=8):
                    error(where, f"VTIMEZONE Asia/Shanghai converts to offset {offset}, not +08:00")
            except Exception as e:
                error(where, f"VTIMEZONE does not convert: {e}")

    for event in calendar.walk("VEVENT"):
        uid = text(event.get("UID"))
        where = f"VEVENT {uid or '(no UID)'}"
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if required not in event:
                error(where, f"missing {required}")
        try:
            start = local(event.get("DTSTART"), f"{where} DTSTART")
            if "DTEND" in event or "DURATION" in event or start is None:
                end = local(event.get("DTEND"), f"{where} DTEND") if "DTEND" in event else None
                if end is None and "DURATION" in event:
                    error(where, "DURATION instead of DTEND is not read by this harness")
            else:
                # RFC 5545 3.6.1: no DTEND means one day for a DATE start, no duration for a DATE-TIME start.
                value = event.get("DTSTART").dt
                end = local_value(value + datetime.timedelta(days=1), where) if start["time"] is None else start
            all_day = start is not None and start["time"] is None
            if start is not None and end is not None and (start["time"] is None) != (end["time"] is None):
                error(where, "DTSTART and DTEND are of different kinds (DATE vs DATE-TIME)")
            alarms = []
            for alarm in event.walk("VALARM"):
                if "ACTION" not in alarm:
                    error(f"{where} VALARM", "missing ACTION")
                trigger = alarm.get("TRIGGER")
                if trigger is None:
                    error(f"{where} VALARM", "missing TRIGGER")
                    continue
                if not isinstance(trigger.dt, datetime.timedelta):
                    error(f"{where} VALARM", "TRIGGER is not a duration")
                    continue
                alarms.append({"beforeSeconds": -int(trigger.dt.total_seconds()), "description": text(alarm.get("DESCRIPTION"))})
            categories = []
            raw = event.get("CATEGORIES")
            for item in (raw if isinstance(raw, list) else [raw] if raw is not None else []):
                categories.extend(str(c) for c in (item.cats if hasattr(item, "cats") else item))
            sequence = event.get("SEQUENCE")
            result["events"].append({
                "uid": uid,
                "summary": text(event.get("SUMMARY")),
                "status": text(event.get("STATUS")),
                "sequence": None if sequence is None else int(sequence),
                "start": start,
                "end": end,
                "allDay": all_day,
                "alarms": alarms,
                "description": text(event.get("DESCRIPTION")),
                "location": text(event.get("LOCATION")),
                "url": text(event.get("URL")),
                "categories": categories,
            })
        except Exception as e:
            error(where, f"python-icalendar raised: {e}")


main()
sys.stdout.buffer.write(json.dumps(result, ensure_ascii=True).encode("ascii"))
