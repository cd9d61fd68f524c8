import { config } from '../config.ts';

/** Absolute links for email and SMS: ORIGIN is the public address the app is served at (config.ts). */
export function publicUrl(path: string): string {
	return new URL(path, config().origin).toString();
}
