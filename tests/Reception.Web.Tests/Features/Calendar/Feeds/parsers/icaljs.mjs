// Parses an iCalendar file (UTF-8 bytes on stdin) with Mozilla's ical.js and prints one JSON object:
// { name, events: [...], errors: [...] }. Used by IcsParsers.cs; argv[2] is the node_modules folder
// holding ical.js. Anything ical.js throws, and any DTSTART/DTEND that does not resolve in the
// file's own VTIMEZONE for Asia/Shanghai (floating or unknown zone), is reported as an error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.argv[2];
if (!modules) { console.error('usage: node icaljs.mjs <node_modules folder>'); process.exit(2); }
const ICAL = (await import(pathToFileURL(join(modules, 'ical.js', 'dist', 'ical.js')).href)).default;

const result = { name: null, events: [], errors: [] };
const error = (where, message) => result.errors.push(`${where}: ${message}`);

let text = null;
try {
  text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(readFileSync(0));
} catch (e) {
  error('file', `not valid UTF-8 (${e.message})`);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

if (text !== null) {
  try {
    const root = new ICAL.Component(ICAL.parse(text));
    if (root.name !== 'vcalendar') error('file', `top component is ${root.name}, not VCALENDAR`);
    // ical.js does not know X-WR-CALNAME or NAME (RFC 7986) and keeps their raw value: unescape it as TEXT.
    const calname = root.getFirstPropertyValue('x-wr-calname') ?? root.getFirstPropertyValue('name');
    result.name = calname === null || calname === undefined
      ? null
      : String(calname).replace(/\\([\\;,nN])/g, (_, c) => (c === 'n' || c === 'N' ? '\n' : c));
    for (const required of ['prodid', 'version']) {
      if (!root.hasProperty(required)) error('VCALENDAR', `missing ${required.toUpperCase()}`);
    }
    const shanghai = root.getTimeZoneByID('Asia/Shanghai');

    // A start or end as Asia/Shanghai wall-clock time, or a date for an all-day value.
    const local = (time, where) => {
      if (time.isDate) return { date: `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`, time: null };
      const zone = time.zone;
      if (zone === ICAL.Timezone.utcTimezone) {
        // UTC is unambiguous; converted below.
      } else if (!shanghai) {
        error(where, `TZID=${zone?.tzid} but the file has no VTIMEZONE for Asia/Shanghai`);
      } else if (zone !== shanghai) {
        error(where, `time zone '${zone?.tzid}' is not the file's Asia/Shanghai VTIMEZONE (floating or unknown)`);
      }
      if (shanghai) {
        const offset = shanghai.utcOffset(time);
        if (offset !== 8 * 3600) error(where, `the file's Asia/Shanghai gives UTC offset ${offset}s, not +08:00`);
      }
      const t = shanghai ? time.convertToZone(shanghai) : time;
      return {
        date: `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`,
        time: `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`,
      };
    };

    for (const vevent of root.getAllSubcomponents('vevent')) {
      const uid = vevent.getFirstPropertyValue('uid');
      const where = `VEVENT ${uid ?? '(no UID)'}`;
      try {
        for (const required of ['uid', 'dtstamp', 'dtstart']) {
          if (!vevent.hasProperty(required)) error(where, `missing ${required.toUpperCase()}`);
        }
        const event = new ICAL.Event(vevent);
        const start = event.startDate;
        const end = event.endDate;
        if (start.isDate !== end.isDate) error(where, 'DTSTART and DTEND are of different kinds (DATE vs DATE-TIME)');
        const alarms = [];
        for (const valarm of vevent.getAllSubcomponents('valarm')) {
          if (!valarm.hasProperty('action')) error(`${where} VALARM`, 'missing ACTION');
          const trigger = valarm.getFirstPropertyValue('trigger');
          if (!trigger) { error(`${where} VALARM`, 'missing TRIGGER'); continue; }
          if (!(trigger instanceof ICAL.Duration)) { error(`${where} VALARM`, 'TRIGGER is not a duration'); continue; }
          alarms.push({ beforeSeconds: -trigger.toSeconds(), description: valarm.getFirstPropertyValue('description') ?? null });
        }
        const categories = vevent.getAllProperties('categories').flatMap(p => p.getValues().map(String));
        const sequence = vevent.getFirstPropertyValue('sequence');
        const url = vevent.getFirstPropertyValue('url');
        result.events.push({
          uid: uid ?? null,
          summary: vevent.getFirstPropertyValue('summary') ?? null,
          status: vevent.getFirstPropertyValue('status') ?? null,
          sequence: sequence === null || sequence === undefined ? null : Number(sequence),
          start: local(start, `${where} DTSTART`),
          end: local(end, `${where} DTEND`),
          allDay: start.isDate,
          alarms,
          description: vevent.getFirstPropertyValue('description') ?? null,
          location: vevent.getFirstPropertyValue('location') ?? null,
          url: url === null || url === undefined ? null : String(url),
          categories,
        });
      } catch (e) {
        error(where, `ical.js threw: ${e.message}`);
      }
    }
  } catch (e) {
    error('file', `ical.js threw: ${e.message}`);
  }
}

process.stdout.write(JSON.stringify(result));
