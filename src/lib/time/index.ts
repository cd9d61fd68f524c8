// The one date/time module: business dates, months, instants in an estate's zone, and how they
// read. Import from '#lib/time/index.ts'; nothing else names a time zone or works out "today".
export * from './zone.ts';
export * from './dates.ts';
export * from './months.ts';
export * from './instants.ts';
export * from './format.ts';
