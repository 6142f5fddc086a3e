// Prints year,instant of 清明 (China Standard Time, yyyy-MM-dd HH:mm:ss) for each year FROM..TO, as lunar-javascript
// computes it (寿星万年历's ephemeris). Run by LunarJavascript.cs with the node_modules folder as the first argument.
const path = require('path');
const { Lunar } = require(path.join(process.argv[2], 'lunar-javascript'));
const lines = [];
for (let y = Number(process.argv[3]); y <= Number(process.argv[4]); y++) {
  lines.push(y + ',' + Lunar.fromYmd(y, 1, 1).getJieQiTable()['清明'].toYmdHms());
}
process.stdout.write(lines.join('\n') + '\n');
