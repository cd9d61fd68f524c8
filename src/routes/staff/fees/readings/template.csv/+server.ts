import type { RequestHandler } from './$types';
import { requireReadings } from '#lib/server/fees/readings.ts';
import { readingsTemplate } from '#lib/server/fees/readings-csv.ts';

export const GET: RequestHandler = ({ locals }) => {
	requireReadings(locals.actor);
	return new Response(readingsTemplate(), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="lobby-meter-readings.csv"',
			'Cache-Control': 'private, no-store'
		}
	});
};
