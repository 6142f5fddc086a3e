"""A real SMTP server (aiosmtpd) for the mail tests, with a receiver's duplicate check and knobs for misbehaving.

    server.py serve --port PORT --dir DIR     listen on 127.0.0.1:PORT, print READY when listening
        [--starttls CERT KEY]                 offer STARTTLS with this certificate and require it before MAIL
        [--implicit-tls CERT KEY]             speak TLS from the first byte (as on port 465)
        [--auth USER PASSWORD]                require AUTH (PLAIN or LOGIN) with these credentials, over TLS only
    server.py parse FILE                      print the JSON summary of one .eml file (the pickup-folder tests)

Every connection is logged in DIR/transmissions.jsonl as {"event": "connect", "connection": N} (after the TLS
handshake when TLS is implicit, so a client that refuses the certificate is not counted).

Every message that reaches the end of DATA is a "transmission", logged in DIR/transmissions.jsonl with its
X-Reception-Key. Like a mail store that drops a Message-ID it already holds, the server keeps only the first
transmission of a key as a delivery (DIR/deliveries/NNNNN.json, a parsed summary, and NNNNN.eml, the raw bytes);
later ones are logged with "duplicate": true. Keys survive a restart (the log is read back at start).

DIR/control.json (read for every command, may change while running) makes the server misbehave:
    {"data_delay": 2.0}        store the message, then wait this long before answering 250 (the crash window)
    {"data_reply": "451 ..."}  refuse DATA with this reply, storing nothing
    {"rcpt_reply": "550 ..."}  refuse every recipient with this reply
    {"rcpt_replies": {"a@b.cn": "550 ..."}}  refuse these recipients with these replies
    {"data_replies": {"a@b.cn": "554 ..."}}  refuse DATA of messages to these recipients, storing nothing
    {"connection_limit": 2, "over_limit": "421"}   take 2 messages per connection; the next MAIL gets "421" and the
                                                   server closes the connection (as hosted services with a limit do)
    {"connection_limit": 2, "over_limit": "drop"}  ... or the server drops the connection without a word
After a delayed answer the log says whether the client was still there to hear it ("acknowledged"). A transmission's
log entry also names its connection, its TLS version (null for plain text) and the login it was sent under.
"""
import argparse
import asyncio
import email
import json
import logging
import os
import ssl
import sys
import time
import warnings
from email import policy

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def summary(raw: bytes) -> dict:
    msg = email.message_from_bytes(raw, policy=policy.default)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "content": part.get_content(),
        })
    raw_headers = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].decode("ascii", "replace")
    return {
        "key": msg.get("X-Reception-Key"),
        "message_id": msg.get("Message-ID"),
        "from": str(msg.get("From")),
        "to": str(msg.get("To")),
        "subject": str(msg.get("Subject")),
        "date": str(msg.get("Date")),
        "content_type": msg.get_content_type(),
        "parts": parts,
        "raw_headers": raw_headers,
        "defects": [str(d) for d in msg.defects],
    }


def write_atomically(path: str, data: bytes) -> None:
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)


class Handler:
    def __init__(self, root: str):
        self.root = root
        self.deliveries = os.path.join(root, "deliveries")
        os.makedirs(self.deliveries, exist_ok=True)
        self.log_path = os.path.join(root, "transmissions.jsonl")
        self.keys = set()
        self.sequence = 0
        self.connections = 0
        if os.path.exists(self.log_path):
            with open(self.log_path, encoding="utf-8") as f:
                for line in f:
                    entry = json.loads(line)
                    if entry.get("event") == "transmission":
                        self.sequence = max(self.sequence, entry["seq"])
                        if not entry["duplicate"]:
                            self.keys.add(entry["key"])
                    elif entry.get("event") == "connect":
                        self.connections = max(self.connections, entry["connection"])

    def connected(self, transport) -> int:
        self.connections += 1
        self.log({"event": "connect", "connection": self.connections, "tls": tls_version(transport)})
        return self.connections

    def control(self) -> dict:
        try:
            with open(os.path.join(self.root, "control.json"), encoding="utf-8") as f:
                return json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def log(self, entry: dict) -> None:
        entry["time"] = time.time()
        with open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        control = self.control()
        limit = control.get("connection_limit")
        if limit and server.messages >= limit:
            if control.get("over_limit") == "drop":
                server.transport.abort()  # gone without a reply; what is returned below reaches nobody
                return "250 OK"
            server.close_after_reply = True
            return "421 4.7.0 Too many messages on this connection, closing it"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        control = self.control()
        reply = control.get("rcpt_replies", {}).get(address) or control.get("rcpt_reply")
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        control = self.control()
        for recipient in envelope.rcpt_tos:
            if recipient in control.get("data_replies", {}):
                return control["data_replies"][recipient]
        if control.get("data_reply"):
            return control["data_reply"]
        raw = envelope.original_content or envelope.content
        info = summary(raw)
        info["envelope_to"] = list(envelope.rcpt_tos)
        info["envelope_from"] = envelope.mail_from
        key = info["key"]
        self.sequence += 1
        seq = self.sequence
        server.messages += 1
        duplicate = key in self.keys
        # Store first, answer afterwards: as a real server does, and what leaves a crashed client in doubt.
        if not duplicate:
            self.keys.add(key)
            write_atomically(os.path.join(self.deliveries, f"{seq:05d}.eml"), raw)
            write_atomically(os.path.join(self.deliveries, f"{seq:05d}.json"), json.dumps(info, ensure_ascii=False).encode("utf-8"))
        login = session.auth_data.login.decode() if session.authenticated and isinstance(session.auth_data, LoginPassword) else None
        self.log({"event": "transmission", "seq": seq, "key": key, "duplicate": duplicate, "connection": server.connection,
                  "tls": tls_version(server.transport), "login": login})
        delay = float(control.get("data_delay", 0))
        if delay > 0:
            try:
                await asyncio.sleep(delay)
            except asyncio.CancelledError:
                # aiosmtpd cancels the handler when the connection is lost: the client never hears the 250.
                self.log({"event": "answer", "seq": seq, "key": key, "acknowledged": False})
                raise
        # A client that died closed its end: the transport is gone, or the reader has seen end of file
        # (a half-closed connection still accepts our write, but nobody reads it).
        transport = server.transport
        reader = getattr(server, "_reader", None)
        acknowledged = transport is not None and not transport.is_closing() and not (reader is not None and reader.at_eof())
        self.log({"event": "answer", "seq": seq, "key": key, "acknowledged": acknowledged})
        return "250 OK stored"


def tls_version(transport):
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    return ssl_object.version() if ssl_object is not None else None


class CountingSMTP(SMTP):
    """aiosmtpd's server, numbering its connections and able to hang up right after a reply."""

    def __init__(self, handler, **kwargs):
        super().__init__(handler, **kwargs)
        self.connection = None
        self.messages = 0
        self.close_after_reply = False

    def connection_made(self, transport):
        # Called again after STARTTLS, on the same connection.
        fresh = self.transport is None and self._original_transport is None
        super().connection_made(transport)
        if fresh:
            self.connection = self.event_handler.connected(transport)

    async def push(self, status):
        await super().push(status)
        if self.close_after_reply:
            self.close_after_reply = False
            self.transport.close()


def tls_context(cert: str, key: str) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def authenticator(user: str, password: str):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return check


async def serve(port: int, root: str, starttls=None, implicit_tls=None, auth=None) -> None:
    handler = Handler(root)
    loop = asyncio.get_running_loop()
    options = dict(hostname="localhost", decode_data=False, enable_SMTPUTF8=False, timeout=60)
    if starttls:
        options.update(tls_context=tls_context(*starttls), require_starttls=True)
    if auth:
        # aiosmtpd's own "TLS before AUTH" check only knows STARTTLS; with implicit TLS the whole connection is encrypted.
        options.update(auth_required=True, authenticator=authenticator(*auth), auth_require_tls=not implicit_tls)
    server = await loop.create_server(
        lambda: CountingSMTP(handler, **options),
        host="127.0.0.1", port=port, reuse_address=True,
        ssl=tls_context(*implicit_tls) if implicit_tls else None)
    print("READY", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--dir", required=True)
    s.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    s.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    s.add_argument("--auth", nargs=2, metavar=("USER", "PASSWORD"))
    p = sub.add_parser("parse")
    p.add_argument("file")
    args = parser.parse_args()
    # aiosmtpd warns on every connection that AUTH without STARTTLS is risky (here the TLS is implicit) and that
    # login_data is deprecated; only errors are worth the test's stderr.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    if args.command == "serve":
        os.makedirs(args.dir, exist_ok=True)
        asyncio.run(serve(args.port, args.dir, args.starttls, args.implicit_tls, args.auth))
    else:
        with open(args.file, "rb") as f:
            sys.stdout.write(json.dumps(summary(f.read()), ensure_ascii=False))


if __name__ == "__main__":
    main()
