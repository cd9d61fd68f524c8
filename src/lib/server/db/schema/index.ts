export * from './accounts.ts';
export * from './property.ts';
export * from './events.ts';
export * from './notify.ts';
