import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { financeReport } from '#lib/server/reports/finance.ts';
import { financeFileName, financeTables } from '#lib/server/reports/finance-export.ts';
import { reportXlsx } from '#lib/server/reports/export.ts';

/** The finance report as an XLSX workbook: same permission (fees.read) and estate scope as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const q = url.searchParams;
	const report = await financeReport(locals.actor, { estate: q.get('estate'), from: q.get('from'), to: q.get('to') });
	const locale = getLocale();
	const body = await reportXlsx(financeTables(report, locale), { title: m.finance_report_title({}, { locale }) });
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${financeFileName(report)}"`,
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
