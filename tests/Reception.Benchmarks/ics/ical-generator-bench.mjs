// The peer side of `dotnet run -c Release --project tests/Reception.Benchmarks -- ics`: writes the same events with
// npm's ical-generator and prints timings as JSON. Run by FeedRenderBenchmark.cs with TZ=Asia/Shanghai (ical-generator
// formats plain Dates with the process's local time when a time zone is set, as its README says).
// usage: node ical-generator-bench.mjs <node_modules> <events.json> <warmup> <iterations> [<output.ics>]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, dataPath, warmupArg, iterationsArg, outputPath] = process.argv.slice(2);
const { default: ical } = await import(pathToFileURL(join(modules, 'ical-generator', 'dist', 'index.mjs')).href);
const version = JSON.parse(readFileSync(join(modules, 'ical-generator', 'package.json'), 'utf8')).version;
const data = JSON.parse(readFileSync(dataPath, 'utf8'));
const warmup = Number(warmupArg);
const iterations = Number(iterationsArg);

const VTIMEZONE = [
  'BEGIN:VTIMEZONE', 'TZID:Asia/Shanghai', 'X-LIC-LOCATION:Asia/Shanghai', 'BEGIN:STANDARD', 'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800', 'TZNAME:CST', 'DTSTART:19700101T000000', 'END:STANDARD', 'END:VTIMEZONE',
].join('\r\n');

// Dates without an offset are local (TZ=Asia/Shanghai), as the C# side's wall-clock times.
const local = text => new Date(text.length === 10 ? `${text}T00:00:00` : text);

function build() {
  const calendar = ical({
    name: data.name,
    description: data.description,
    prodId: { company: 'Reception', product: 'Reception 1.0', language: 'ZH-CN' },
    method: 'PUBLISH',
    scale: 'GREGORIAN',
    timezone: { name: 'Asia/Shanghai', generator: () => VTIMEZONE },
    ttl: data.refreshSeconds,
  });
  for (const e of data.events) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      // As the feeds do: an event's DTSTAMP is its LAST-MODIFIED.
      stamp: new Date(e.lastModified),
      lastModified: new Date(e.lastModified),
      start: local(e.start),
      end: local(e.end),
      allDay: e.allDay,
      timezone: 'Asia/Shanghai',
      summary: e.summary,
      location: e.location ?? null,
      description: e.description ?? null,
      url: e.url,
      categories: e.categories.map(name => ({ name })),
      status: e.status,
      transparency: e.allDay || e.status === 'CANCELLED' ? 'TRANSPARENT' : 'OPAQUE',
      alarms: e.status === 'CANCELLED' ? [] : e.alarms.map(a => ({ type: 'display', trigger: a.minutesBefore * 60, description: a.description })),
    });
  }
  return calendar;
}

function measure(work) {
  for (let i = 0; i < warmup; i++) work();
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = q => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: times[0], iterations };
}

let bytes = 0;
// Build the calendar from plain data, then write it to a string (ical-generator's toString).
const buildAndWrite = measure(() => { bytes = build().toString().length; });
const built = build();
const writeOnly = measure(() => { built.toString(); });
const text = built.toString();
if (outputPath) writeFileSync(outputPath, text);
process.stdout.write(JSON.stringify({
  version, node: process.version, events: data.events.length, bytes: Buffer.byteLength(text, 'utf8'), chars: bytes,
  buildAndWrite, writeOnly,
}));
