#!/usr/bin/env python3
"""Signed-in sessions for the load run, and the proof that one session works across the instances behind nginx.

    sessions.py prepare --base https://localhost:56043 --out DIR [--clerks 40] [--leaders 40] [--clerk-users clerk]
                        [--leader-users leader01,...,leader12] [--password ...]
        Signs in through the login form (as a person would: GET the form, POST it with its antiforgery token) and writes
        what the wrk scripts (load/*.lua) read, one line each:
          DIR/clerks.txt   cookie<TAB>antiforgery token of the registration form<TAB>its date received
          DIR/leaders.txt  cookie
          DIR/cases.txt    case ids a clerk may open (from the case list)
          DIR/feeds.txt    feed paths: each leader's personal feed, the clerk's office feed, the public feed
    sessions.py proof --base URL
        Signs in, registers a case and reads it back, every step answered by another instance (nginx's X-Served-By), then
        polls a feed on every instance: same ETag everywhere, 304 for it everywhere.
TLS: the cluster's certificate is self-signed, so it is not verified here.
"""
import argparse
import http.cookiejar
import os
import re
import ssl
import sys
import urllib.parse
import urllib.request
import uuid

CONTEXT = ssl.create_default_context()
CONTEXT.check_hostname = False
CONTEXT.verify_mode = ssl.CERT_NONE
TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=CONTEXT), urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode("utf-8", "replace")

    def login(self, user, password):
        status, _, page = self.request("/Account/Login")
        token = TOKEN.search(page).group(1)
        status, headers, _ = self.request("/Account/Login", {"Input.UserName": user, "Input.Password": password, "__RequestVerificationToken": token})
        if status != 302 or "/Account/Login" in headers.get("Location", ""):
            raise SystemExit(f"signing in as {user} failed: {status} {headers.get('Location')}")
        return self

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def token(self, path, with_page=False):
        status, _, page = self.request(path)
        if status != 200:
            raise SystemExit(f"GET {path}: {status}")
        token = TOKEN.findall(page)[-1]  # the page's own form comes after the layout's
        return (token, page) if with_page else token

    def feed_link(self):
        """Creates this user's subscription link (or renews it: one link per user) and reads it off the page, shown once."""
        for handler in ("Create", "Rotate"):
            token = self.token("/Feeds")
            status, headers, page = self.request(f"/Feeds?handler={handler}", {"__RequestVerificationToken": token, "__IdempotencyKey": uuid.uuid4().hex})
            if status == 302:
                status, _, page = self.request(headers["Location"].replace(self.base, ""))
            match = re.search(r'https://[^"<\s]*(/calendar/[uo]/[A-Za-z0-9_-]+\.ics)', page)
            if match:
                return match.group(1)
        raise SystemExit(f"no feed link on /Feeds ({status})")


RECEIVED_ON = re.compile(r'name="Input\.ReceivedOn"[^>]*value="([0-9-]+)"|value="([0-9-]+)"[^>]*name="Input\.ReceivedOn"')


def received_on(page):
    m = RECEIVED_ON.search(page)
    return m.group(1) or m.group(2)


def register_fields(token, summary, day):
    return {
        "__RequestVerificationToken": token, "__IdempotencyKey": uuid.uuid4().hex,
        "Input.Channel": "Visit", "Input.ReceivedOn": day, "Input.Petitioners[0].Name": "测试来访人",
        "Input.CategoryCode": "civil", "Input.Summary": summary,
    }


def prepare(args):
    os.makedirs(args.out, exist_ok=True)
    clerks, leaders, cases, feeds = [], [], set(), []
    clerk_users = args.clerk_users.split(",")
    linked = set()
    for i in range(args.clerks):
        user = clerk_users[i % len(clerk_users)]
        s = Session(args.base).login(user, args.password)
        token, page = s.token("/Cases/Register", with_page=True)
        clerks.append(f"{s.cookie()}\t{token}\t{received_on(page)}")
        # The cases of the last clerk user's list, which every clerk user given may open (list the narrowest scope last).
        if user == clerk_users[-1] and not cases:
            for page in range(1, 11):
                _, _, html = s.request(f"/Cases?page={page}")
                cases.update(re.findall(r'href="/Cases/Details/(\d+)"', html))
        if user not in linked:
            linked.add(user)
            feeds.append(s.feed_link())
    leader_users = args.leader_users.split(",")
    for i in range(args.leaders):
        user = leader_users[i % len(leader_users)]
        s = Session(args.base).login(user, args.password)
        leaders.append(s.cookie())
        if user not in linked:
            linked.add(user)
            feeds.append(s.feed_link())
    feeds.append(f"/calendar/{args.org}.ics")
    for name, lines in (("clerks", clerks), ("leaders", leaders), ("cases", sorted(cases, key=int)), ("feeds", feeds)):
        with open(os.path.join(args.out, name + ".txt"), "w") as f:
            f.write("\n".join(lines) + "\n")
    print(f"{len(clerks)} clerk sessions, {len(leaders)} leader sessions, {len(cases)} cases, {len(feeds)} feeds in {args.out}")


def proof(args):
    s = Session(args.base)
    served = []

    def step(what, path, data=None, headers=None, expect=(200,)):
        status, h, body = s.request(path, data, headers)
        served.append(h.get("X-Served-By"))
        print(f"{what:<44} {status}  by {h.get('X-Served-By')}")
        if status not in expect:
            raise SystemExit(f"unexpected {status} for {path}")
        return h, body

    _, page = step("GET the sign-in form", "/Account/Login")
    token = TOKEN.search(page).group(1)
    h, _ = step("POST it (cookie and token from the other one)", "/Account/Login",
                {"Input.UserName": args.user, "Input.Password": args.password, "__RequestVerificationToken": token}, expect=(302,))
    _, page = step("GET the registration form, signed in", "/Cases/Register")
    token = TOKEN.findall(page)[-1]
    h, _ = step("POST a registration (antiforgery across instances)", "/Cases/Register", register_fields(token, "跨实例登记验证", received_on(page)), expect=(302,))
    location = h["Location"].replace(s.base, "")
    _, page = step("GET the new case", location)
    assert "跨实例登记验证" in page, "the new case page does not show the summary"
    for i in range(3):
        step(f"GET the board ({i + 1})", "/Board")
    if len(set(served)) < 2:
        raise SystemExit("nginx sent every request to the same instance: nothing proven")
    feed = s.feed_link()
    tags = set()
    for i in range(3):
        h, _ = step(f"GET the office feed ({i + 1})", feed)
        tags.add(h.get("ETag"))
    if len(tags) != 1:
        raise SystemExit(f"the instances disagree on the feed's ETag: {tags}")
    etag = next(iter(tags))
    for i in range(3):
        step(f"GET it with If-None-Match ({i + 1})", feed, headers={"If-None-Match": etag}, expect=(304,))
    print(f"signed in once, {len(set(served))} instances served the session; one ETag for the feed on every instance")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    pr = sub.add_parser("prepare")
    pr.add_argument("--base", default="https://localhost:56043")
    pr.add_argument("--out", required=True)
    pr.add_argument("--clerks", type=int, default=40)
    pr.add_argument("--leaders", type=int, default=40)
    pr.add_argument("--clerk-users", default="clerk")
    pr.add_argument("--leader-users", default=",".join(f"leader{i:02d}" for i in range(1, 13)))
    pr.add_argument("--password", default="Demo#2026demo")
    pr.add_argument("--org", default="demo")
    po = sub.add_parser("proof")
    po.add_argument("--base", default="https://localhost:56043")
    po.add_argument("--user", default="clerk")
    po.add_argument("--password", default="Demo#2026demo")
    args = p.parse_args()
    prepare(args) if args.command == "prepare" else proof(args)


if __name__ == "__main__":
    sys.exit(main())
