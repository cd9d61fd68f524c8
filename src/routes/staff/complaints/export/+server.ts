import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { complaintReport, complaintTables } from '#lib/server/complaints/stats.ts';
import { reportXlsx, scopedFileName } from '#lib/server/reports/export.ts';

/** The month's complaint statistics and list as an XLSX workbook: same permission and estate scope as the board. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const report = await complaintReport(locals.actor, { estate: url.searchParams.get('estate'), month: url.searchParams.get('month') });
	const locale = getLocale();
	const body = await reportXlsx(complaintTables(report, locale), { title: m.complaints_ui_nav({}, { locale }) });
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${scopedFileName('complaint-statistics', report.scope, 'xlsx')}"`,
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
