import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { renovationBoardXlsx } from '#lib/server/renovations/board-export.ts';

/** The board as an XLSX file: same permission (renovations.read) and estates as the page. */
export const GET: RequestHandler = async ({ locals }) => {
	requireStaff(locals.actor, 'renovations.read');
	const body = await renovationBoardXlsx(locals.actor, getLocale());
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': 'attachment; filename="renovation-applications.xlsx"',
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
