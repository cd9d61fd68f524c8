import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { dashboardFigures } from '#lib/server/dashboard/figures.ts';
import { dashboardTables } from '#lib/server/dashboard/tables.ts';
import { reportXlsx, scopedFileName } from '#lib/server/reports/export.ts';

/** The dashboard as a workbook: the same permission (dashboard.read), estate scope and figures as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const figures = await dashboardFigures(locals.actor, { estate: url.searchParams.get('estate'), month: url.searchParams.get('month') });
	const locale = getLocale();
	const body = await reportXlsx(dashboardTables(figures, locale), { title: m.dashboard_title({}, { locale }) });
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${scopedFileName('dashboard', figures.scope, 'xlsx')}"`,
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
