import type { RequestHandler } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { importTemplate } from '#lib/server/property/import/csv.ts';

export const GET: RequestHandler = ({ locals }) => {
	requireStaff(locals.actor, 'registry.import');
	return new Response(importTemplate(), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="lobby-registry-import.csv"',
			'Cache-Control': 'private, no-store'
		}
	});
};
