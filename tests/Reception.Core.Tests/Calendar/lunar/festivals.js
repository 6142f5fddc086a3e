// Prints, for each year FROM..TO (argv), the dates lunar-javascript gives for the festivals of the holiday law:
// year,除夕,正月初一,清明,端午(五月初五),中秋(八月十五) — dates as yyyy-MM-dd, one line per year.
// Run by LunarJavascript.cs with the node_modules folder as the first argument.
const path = require('path');
const { Lunar } = require(path.join(process.argv[2], 'lunar-javascript'));
const from = Number(process.argv[3]);
const to = Number(process.argv[4]);
const lines = [];
for (let y = from; y <= to; y++) {
  const newYear = Lunar.fromYmd(y, 1, 1).getSolar();
  lines.push([
    y,
    newYear.next(-1).toYmd(),
    newYear.toYmd(),
    Lunar.fromYmd(y, 1, 1).getJieQiTable()['清明'].toYmd(),
    Lunar.fromYmd(y, 5, 5).getSolar().toYmd(),
    Lunar.fromYmd(y, 8, 15).getSolar().toYmd(),
  ].join(','));
}
process.stdout.write(lines.join('\n') + '\n');
