import type { RequestHandler } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { serveGenerated } from '#lib/server/files/service.ts';
import { workOrderSheet } from '#lib/server/repairs/work-order.ts';

/** The order's work order (工程維修單) to print: one A4 page, drawn as the order stands now, never cached. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireStaff(locals.actor, 'repairs.read');
	const { filename, pdf } = await workOrderSheet(locals.actor, params.id);
	return serveGenerated(pdf, 'application/pdf', filename);
};
