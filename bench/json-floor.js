'use strict';
// The floor `mq-policy simulate` is measured against: read stdin line by line and JSON.parse each
// line, nothing else (no validation, no decision, no output). Plain JavaScript, so it starts as fast
// as node itself.
let rest = '';
let lines = 0;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const parts = (rest + chunk).split('\n');
  rest = parts.pop();
  for (const line of parts) if (line !== '') (JSON.parse(line), lines++);
});
process.stdin.on('end', () => {
  if (rest !== '') (JSON.parse(rest), lines++);
  if (process.argv[2] === '--count') process.stdout.write(`${lines}\n`);
});
