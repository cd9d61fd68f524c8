import type { RequestHandler } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { serveGenerated } from '#lib/server/files/service.ts';
import { complaintRecordSheet } from '#lib/server/complaints/record.ts';

/** The complaint record to print: one A4 page, drawn as the complaint stands now, never cached. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireStaff(locals.actor, ['complaints.read', 'complaints.resolve']);
	const { filename, pdf } = await complaintRecordSheet(locals.actor, params.id);
	return serveGenerated(pdf, 'application/pdf', filename);
};
