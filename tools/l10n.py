#!/usr/bin/env python3
"""Add or update translations in src/Reception.Web/Resources/SharedResource.<culture>.resx.

    tools/l10n.py add "English key {0}" "中文 {0}"            # zh-CN (default)
    tools/l10n.py add --culture en "Role.Clerk" "Petition office clerk"
    tools/l10n.py add-tsv file.tsv                             # key<TAB>text per line

Keeps the file sorted and takes a lock, so several people can add keys at once.
"""
import fcntl, html, os, re, sys, xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RES = os.path.join(ROOT, "src", "Reception.Web", "Resources")
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def path(culture):
    return os.path.join(RES, f"SharedResource.{culture}.resx")

def load(culture):
    p = path(culture)
    if not os.path.exists(p):
        return {}
    return {d.get("name"): (d.findtext("value") or "") for d in ET.parse(p).getroot().findall("data")}

def save(culture, entries):
    e = lambda s: html.escape(s, quote=True)
    with open(path(culture) + ".tmp", "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for k in sorted(entries):
            f.write(f'  <data name="{e(k)}" xml:space="preserve"><value>{e(entries[k])}</value></data>\n')
        f.write("</root>\n")
    os.replace(path(culture) + ".tmp", path(culture))

def add(culture, pairs):
    with open(os.path.join(RES, ".l10n.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries = load(culture)
        for k, v in pairs:
            if not v.strip():
                sys.exit(f"empty translation for {k!r}")
            if sorted(re.findall(r"\{\d+\}", k)) != sorted(re.findall(r"\{\d+\}", v)) and set(re.findall(r"\{\d+\}", k)) != set(re.findall(r"\{\d+\}", v)):
                sys.exit(f"placeholders differ: {k!r} -> {v!r}")
            entries[k] = v
        save(culture, entries)
    print(f"{len(pairs)} entries written to {os.path.relpath(path(culture), ROOT)}")

def main(argv):
    culture = "zh-CN"
    if "--culture" in argv:
        i = argv.index("--culture"); culture = argv[i + 1]; del argv[i:i + 2]
    if len(argv) == 3 and argv[0] == "add":
        add(culture, [(argv[1], argv[2])])
    elif len(argv) == 2 and argv[0] == "add-tsv":
        pairs = [tuple(l.rstrip("\n").split("\t", 1)) for l in open(argv[1], encoding="utf-8") if l.strip()]
        add(culture, pairs)
    else:
        sys.exit(__doc__)

if __name__ == "__main__":
    main(sys.argv[1:])
