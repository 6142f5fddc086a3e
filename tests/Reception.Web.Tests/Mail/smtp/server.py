"""A real SMTP server (aiosmtpd) for the mail tests, with a receiver's duplicate check and knobs for misbehaving.

    server.py serve --port PORT --dir DIR     listen on 127.0.0.1:PORT, print READY when listening
    server.py parse FILE                      print the JSON summary of one .eml file (the pickup-folder tests)

Every message that reaches the end of DATA is a "transmission", logged in DIR/transmissions.jsonl with its
X-Reception-Key. Like a mail store that drops a Message-ID it already holds, the server keeps only the first
transmission of a key as a delivery (DIR/deliveries/NNNNN.json, a parsed summary, and NNNNN.eml, the raw bytes);
later ones are logged with "duplicate": true. Keys survive a restart (the log is read back at start).

DIR/control.json (read for every command, may change while running) makes the server misbehave:
    {"data_delay": 2.0}        store the message, then wait this long before answering 250 (the crash window)
    {"data_reply": "451 ..."}  refuse DATA with this reply, storing nothing
    {"rcpt_reply": "550 ..."}  refuse every recipient with this reply
After a delayed answer the log says whether the client was still there to hear it ("acknowledged").
"""
import argparse
import asyncio
import email
import json
import os
import sys
import time
from email import policy

from aiosmtpd.smtp import SMTP


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
        if os.path.exists(self.log_path):
            with open(self.log_path, encoding="utf-8") as f:
                for line in f:
                    entry = json.loads(line)
                    if entry.get("event") == "transmission":
                        self.sequence = max(self.sequence, entry["seq"])
                        if not entry["duplicate"]:
                            self.keys.add(entry["key"])

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

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.control().get("rcpt_reply")
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        control = self.control()
        if control.get("data_reply"):
            return control["data_reply"]
        raw = envelope.original_content or envelope.content
        info = summary(raw)
        info["envelope_to"] = list(envelope.rcpt_tos)
        info["envelope_from"] = envelope.mail_from
        key = info["key"]
        self.sequence += 1
        seq = self.sequence
        duplicate = key in self.keys
        # Store first, answer afterwards: as a real server does, and what leaves a crashed client in doubt.
        if not duplicate:
            self.keys.add(key)
            write_atomically(os.path.join(self.deliveries, f"{seq:05d}.eml"), raw)
            write_atomically(os.path.join(self.deliveries, f"{seq:05d}.json"), json.dumps(info, ensure_ascii=False).encode("utf-8"))
        self.log({"event": "transmission", "seq": seq, "key": key, "duplicate": duplicate})
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


async def serve(port: int, root: str) -> None:
    handler = Handler(root)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="localhost", decode_data=False, enable_SMTPUTF8=False, timeout=60),
        host="127.0.0.1", port=port, reuse_address=True)
    print("READY", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--dir", required=True)
    p = sub.add_parser("parse")
    p.add_argument("file")
    args = parser.parse_args()
    if args.command == "serve":
        os.makedirs(args.dir, exist_ok=True)
        asyncio.run(serve(args.port, args.dir))
    else:
        with open(args.file, "rb") as f:
            sys.stdout.write(json.dumps(summary(f.read()), ensure_ascii=False))


if __name__ == "__main__":
    main()
