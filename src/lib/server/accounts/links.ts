/** Absolute links for email; ORIGIN is the public address the app is served at. */
export function publicUrl(path: string): string {
	return new URL(path, process.env.ORIGIN ?? 'http://localhost:3000').toString();
}

/** Today's date (YYYY-MM-DD) in the server's time zone, for occupancy start dates. */
export function today(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
