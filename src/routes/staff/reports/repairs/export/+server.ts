import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { repairReport } from '#lib/server/reports/repair-kpis.ts';
import { reportCsv, reportFileName, reportTables, reportXlsx } from '#lib/server/reports/export.ts';

const types = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/** The statistics page as a file: same permission (repairs.stats) and estate scope as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = url.searchParams.get('format') ?? 'xlsx';
	if (format !== 'csv' && format !== 'xlsx') error(400, 'Unknown format');
	const report = await repairReport(locals.actor, { estate: url.searchParams.get('estate'), month: url.searchParams.get('month') });
	const locale = getLocale();
	const tables = reportTables(report, locale);
	const body =
		format === 'csv' ? new TextEncoder().encode(reportCsv(tables)) : await reportXlsx(tables, { title: m.reports_title({}, { locale }) });
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': types[format],
			'Content-Disposition': `attachment; filename="${reportFileName(report, format)}"`,
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
