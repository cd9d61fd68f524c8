export * from './accounts.ts';
export * from './property.ts';
export * from './events.ts';
export * from './notify.ts';
export * from './jobs.ts';
export * from './calendar.ts';
export * from './files.ts';
