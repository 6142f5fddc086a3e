#!/usr/bin/env python3
"""Gives a demo leader ~500 feed events and a feed token, straight in the SQLite file of a running demo app.

    seed-leader.py DATA_DIR/reception.db leader01 [EVENTS]   → prints the token (the feed is /calendar/u/{token}.ics)

Adds a published rota rule of the leader's own (two sessions a working day, every 10th duty cancelled) over the feed
window (30 days back to 180 ahead of today in Beijing) and visits/appointment visits on the other days, until the
leader's feed holds EVENTS events (default 500) with what the demo already gave them. For serve-bench.sh only.
"""
import base64, datetime as dt, hashlib, os, sqlite3, sys

db_path, user, target = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 500
db = sqlite3.connect(db_path, timeout=30)
q = lambda sql, *a: db.execute(sql, a).fetchone()

now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f") + "0"
today = (now + dt.timedelta(hours=8)).date()
first, last = today - dt.timedelta(days=30), today + dt.timedelta(days=180)

user_id, leader = q("select Id, LeaderId from AspNetUsers where UserName = ?", user)
city, = q("select Id from OrgUnits where Code = 'demo'")
venue, = q("select Id from Venues where OrgUnitId = ? order by Id", city)
village, = q("select Id from OrgUnits where Path like '/demo/qingshan/_%' order by Id")

def existing():
    duties, = q("""select count(*) from DutyAssignments a join RotaMonths m on m.Id = a.RotaMonthId join DutyRules r on r.Id = m.DutyRuleId
                   where a.LeaderId = ? and m.PublishedNumber > 0 and r.IsActive and a.Date between ? and ?""", leader, first.isoformat(), last.isoformat())
    visits, = q("select count(*) from Visits where LeaderId = ? and Date between ? and ?", leader, first.isoformat(), last.isoformat())
    return duties + visits

budget = target - existing()
duty_budget = budget * 3 // 5
cur = db.cursor()
cur.execute("insert into DutyRules (OrgUnitId, VenueId, Name, Pattern, MinimumPerMonth, WeekdayMask, IsActive, Version) values (?, ?, '压测排班', 1, 0, 0, 1, 0)", (city, venue))
rule = cur.lastrowid
cur.execute("insert into DutyRuleSessions (DutyRuleId, \"Index\", Name, Start, \"End\") values (?, 0, '上午', '08:30:00', '12:00:00')", (rule,))
cur.execute("insert into DutyRuleSessions (DutyRuleId, \"Index\", Name, Start, \"End\") values (?, 1, '下午', '14:30:00', '17:30:00')", (rule,))
months, day = {}, first
added = 0
while day <= last and added < duty_budget:
    if day.weekday() < 5:
        month = day.replace(day=1)
        if month not in months:
            cur.execute("""insert into RotaMonths (DutyRuleId, Month, Status, PublishedNumber, PublishedAtUtc, HasUnpublishedChanges, UpdatedAtUtc, OwedLedgerJson, Version)
                           values (?, ?, 2, 1, ?, 0, ?, '{}', 0)""", (rule, month.isoformat(), stamp, stamp))
            months[month] = cur.lastrowid
        for session in (0, 1):
            if added >= duty_budget: break
            cancelled = 1 if added % 10 == 9 else 0
            cur.execute("""insert into DutyAssignments (RotaMonthId, Date, SessionIndex, LeaderId, Source, IsCancelled, Sequence, UpdatedAtUtc, Version)
                           values (?, ?, ?, ?, 2, ?, ?, ?, 0)""", (months[month], day.isoformat(), session, leader, cancelled, cancelled, stamp))
            added += 1
    day += dt.timedelta(days=1)
remaining = target - existing()
for i in range(max(remaining, 0)):
    kind = 2 if i % 3 == 0 else 1
    status = 3 if i % 7 == 6 else 1
    cur.execute("""insert into Visits (LeaderId, Date, DestinationId, Purpose, Status, CreatedAtUtc, UpdatedAtUtc, Sequence, Version, Kind)
                   values (?, ?, ?, '压测', ?, ?, ?, 0, 0, ?)""", (leader, (first + dt.timedelta(days=i % 211)).isoformat(), village, status, stamp, stamp, kind))
# Rows written past the app's SaveChanges change no feed version by themselves: mark everything changed, as the app's
# own bulk writers do (FeedVersionInterceptor.ChangeEverythingAsync).
cur.execute("""insert into FeedVersions (Scope, TargetId, Stamp, ChangedAtUtc) values (0, 0, ?, ?)
               on conflict (Scope, TargetId) do update set Stamp = excluded.Stamp, ChangedAtUtc = excluded.ChangedAtUtc""",
            (int.from_bytes(os.urandom(4), "little") % 2147483646 + 1, stamp))
token = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
cur.execute("insert into FeedTokens (UserId, Kind, TokenHash, CreatedAtUtc) values (?, 1, ?, ?)",
            (user_id, hashlib.sha256(token.encode()).hexdigest(), stamp))
db.commit()
print(token)
print(f"{existing()} duties and visits in the window for {user}", file=sys.stderr)
