// The one money module, for pages and server alike: integers of minor units, formatted with the
// currency, parsed from what people type, multiplied out for bill lines. Import from
// '#lib/money/index.ts'.
export * from './decimal.ts';
export * from './format.ts';
export * from './parse.ts';
export * from './lines.ts';
