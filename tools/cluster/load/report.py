#!/usr/bin/env python3
"""Turns a load run into tables: nginx's access log (one line per request, $request_time, the upstream) cut to the run's
window, the CPU samples of cpu.sh, and the wrk summaries.

    report.py --log artifacts/cluster/nginx/access.log --from UNIX --to UNIX [--cpu cpu.csv] [--kill UNIX --restart UNIX]
"""
import argparse
import csv
import datetime as dt
import re
import statistics

LINE = re.compile(r'^(\S+) \[([^\]]+)\] "(\S+) (\S+) [^"]*" (\d{3}) (\d+) ([\d.]+) "([^"]*)" (\S+)')
PAGES = [
    ("case list", lambda m, p: m == "GET" and (p == "/Cases" or p.startswith("/Cases?"))),
    ("case page", lambda m, p: m == "GET" and p.startswith("/Cases/Details/")),
    ("board", lambda m, p: m == "GET" and p.startswith("/Board")),
    ("my cases (leader)", lambda m, p: m == "GET" and p.startswith("/MyCases")),
    ("public rota page", lambda m, p: m == "GET" and p.startswith("/rota/")),
    ("public feed", lambda m, p: m == "GET" and re.match(r"^/calendar/[^/]+\.ics", p) is not None),
    ("personal feed", lambda m, p: p.startswith("/calendar/u/")),
    ("office feed", lambda m, p: p.startswith("/calendar/o/")),
    ("registration (POST)", lambda m, p: m == "POST" and p.startswith("/Cases/Register")),
]
OK = {200, 302, 304}


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(q / 100 * len(values) + 0.5)) - 1))
    return values[k]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--log", required=True)
    a.add_argument("--from", dest="start", type=int, required=True)
    a.add_argument("--to", dest="end", type=int, required=True)
    a.add_argument("--cpu")
    a.add_argument("--kill", type=int)
    a.add_argument("--restart", type=int)
    a.add_argument("--killed", help="the killed instance's address as nginx names it (127.0.0.1:56002)")
    a.add_argument("--error-log", help="nginx's error.log, for when it marked the killed instance down")
    args = a.parse_args()
    rows = {name: [] for name, _ in PAGES}
    other = []
    failures, signed_out, retried = [], 0, 0
    for line in open(args.log, encoding="utf-8", errors="replace"):
        m = LINE.match(line)
        if not m:
            continue
        t = int(dt.datetime.fromisoformat(m.group(2)).timestamp())
        if t < args.start or t >= args.end:
            continue
        method, path, status, rtime, upstream = m.group(3), m.group(4), int(m.group(5)), float(m.group(7)) * 1000, m.group(8)
        if "," in upstream:
            retried += 1  # nginx tried another instance after the first failed
        name = next((n for n, f in PAGES if f(method, path)), None)
        entry = (t, status, rtime, upstream, method, path)
        (rows[name] if name else other).append(entry)
        # A registration that succeeded redirects to its new case; a 200 is the form shown again with an error.
        expected = {302} if name == "registration (POST)" else OK
        if status not in expected:
            failures.append(entry)
        if method == "GET" and status == 302 and name in ("case list", "case page", "board", "my cases (leader)"):
            signed_out += 1
    seconds = max(1, args.end - args.start)
    print(f"window {seconds} s, {sum(len(r) for r in rows.values()) + len(other)} requests\n")
    print("| page | requests | req/s | p50 | p95 | p99 | max | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    total = 0
    for name, _ in PAGES:
        r = rows[name]
        if not r:
            continue
        total += len(r)
        times = [e[2] for e in r]
        errors = sum(1 for e in r if e[1] not in ({302} if name == "registration (POST)" else OK))
        print(f"| {name} | {len(r):,} | {len(r) / seconds:.1f} | {pct(times, 50):.0f} ms | {pct(times, 95):.0f} ms | {pct(times, 99):.0f} ms | {max(times):.0f} ms | {errors} |")
    alltimes = [e[2] for r in rows.values() for e in r]
    print(f"| **all** | {total:,} | {total / seconds:.1f} | {pct(alltimes, 50):.0f} ms | {pct(alltimes, 95):.0f} ms | {pct(alltimes, 99):.0f} ms | {max(alltimes or [0]):.0f} ms | {len(failures)} |")
    if other:
        print(f"\n{len(other)} other requests (not in the mix)")
    print(f"\nfailed (status not 200/302/304; a registration not 302): {len(failures)}; signed-in GETs sent to sign-in (302): {signed_out}; "
          f"requests nginx retried on another instance: {retried}")
    by_status = {}
    for e in failures:
        by_status[e[1]] = by_status.get(e[1], 0) + 1
    if failures:
        print("failures by status:", by_status)
        for e in failures[:20]:
            print("  ", dt.datetime.fromtimestamp(e[0], dt.timezone.utc).strftime("%H:%M:%S"), e[4], e[5][:60], e[1], f"{e[2]:.0f} ms", e[3])
    if args.kill:
        around = [e for r in rows.values() for e in r if args.kill - 1 <= e[0] <= args.kill + 15]
        print(f"\nkill at +{args.kill - args.start} s: {len(around)} requests in the 16 s after it, "
              f"{sum(1 for e in around if e[1] not in OK)} failed")
    if args.kill and args.killed:
        # Passive health: how long nginx kept trying the dead instance (each try refused, then the request sent on).
        end = args.restart or args.end
        tried = sorted(e[0] for r in rows.values() for e in r if args.kill <= e[0] < end and args.killed in e[3])
        print(f"\nafter the kill, requests nginx first tried on {args.killed} (refused, answered by another): {len(tried)}")
        if tried:
            buckets = {}
            for t in tried:
                buckets[(t - args.kill) // 10 * 10] = buckets.get((t - args.kill) // 10 * 10, 0) + 1
            print("  per 10 s after the kill: " + ", ".join(f"+{k}s: {v}" for k, v in sorted(buckets.items())))
            print(f"  last one +{tried[-1] - args.kill} s after the kill (restart at +{end - args.kill} s)")
        if args.error_log:
            marks = []
            for line in open(args.error_log, encoding="utf-8", errors="replace"):
                if args.killed in line and ("temporarily disabled" in line or "Connection refused" in line or "prematurely closed" in line or "reset by peer" in line):
                    stamp = dt.datetime.strptime(line[:19], "%Y/%m/%d %H:%M:%S").replace(tzinfo=dt.timezone.utc).timestamp()
                    if args.kill - 1 <= stamp <= end + 5:
                        kind = ("disabled" if "temporarily disabled" in line else "refused" if "refused" in line
                                else "closed" if "prematurely" in line else "reset")
                        marks.append((int(stamp) - args.kill, kind))
            counts = {}
            for _, kind in marks:
                counts[kind] = counts.get(kind, 0) + 1
            print(f"  nginx error.log about it in that window: {counts}; 'temporarily disabled' at +"
                  + ", +".join(str(t) for t, k in marks if k == "disabled") + " s")
    if args.cpu:
        samples = [r for r in csv.DictReader(open(args.cpu)) if args.start <= int(r["time"]) <= args.end]
        if len(samples) >= 2:
            first, last = samples[0], samples[-1]
            span = int(last["time"]) - int(first["time"])
            print(f"\nCPU over {span} s (per cent of one core; the machine has 2), load average 1 min: "
                  f"min {min(float(s['load1']) for s in samples):.1f}, median {statistics.median(float(s['load1']) for s in samples):.1f}, "
                  f"max {max(float(s['load1']) for s in samples):.1f}")
            for key in [k for k in first if k not in ("time", "load1")]:
                try:
                    used = int(last[key]) - int(first[key])
                except ValueError:
                    continue
                if used < 0:
                    used = int(last[key])  # restarted: count from its new start
                print(f"  {key}: {used / span:.0f} %")


if __name__ == "__main__":
    main()
