// Loaded with `node --import` into a `turnout serve` under test: every use of what maps ICU's
// locale data into the process (collation, number and date formats) is written to stderr as
// "ICU used: <what>" with the first frame of our code that asked for it.
const report = (what) => {
  const frame = new Error().stack?.split('\n').slice(2).find((line) => !line.includes('icu-guard')) ?? '';
  process.stderr.write(`ICU used: ${what} ${frame.trim()}\n`);
};
for (const name of ['Collator', 'NumberFormat', 'DateTimeFormat', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter', 'DisplayNames']) {
  const Original = Intl[name];
  if (typeof Original !== 'function') continue;
  Intl[name] = new Proxy(Original, { construct: (target, args) => (report(`Intl.${name}`), Reflect.construct(target, args)), apply: (target, self, args) => (report(`Intl.${name}`), Reflect.apply(target, self, args)) });
}
for (const [owner, method] of [[String.prototype, 'localeCompare'], [Number.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleDateString'], [Date.prototype, 'toLocaleTimeString'], [Array.prototype, 'toLocaleString']]) {
  const original = owner[method];
  owner[method] = function (...args) {
    report(method);
    return original.apply(this, args);
  };
}
