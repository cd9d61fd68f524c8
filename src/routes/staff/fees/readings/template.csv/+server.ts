import type { RequestHandler } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { readingsTemplate } from '#lib/server/fees/readings-csv.ts';

export const GET: RequestHandler = ({ locals }) => {
	requireStaff(locals.actor, 'fees.manage');
	return new Response(readingsTemplate(), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="lobby-meter-readings.csv"',
			'Cache-Control': 'private, no-store'
		}
	});
};
