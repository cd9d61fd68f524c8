import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { exportAudit } from '#lib/server/staff-admin/audit.ts';
import { reportCsv, reportXlsx } from '#lib/server/reports/export.ts';
import { auditTable, auditFileName } from '#lib/components/audit-labels.ts';

/** The audit log as the page filters it (same permission, estates and filters), every row, as XLSX or CSV. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const q = url.searchParams;
	const locale = getLocale();
	const { entries, truncated, scope } = await exportAudit(
		locals.actor,
		{ person: q.get('person'), group: q.get('group'), estate: q.get('estate'), from: q.get('from'), to: q.get('to') },
		{ locale }
	);
	const table = auditTable(entries, { truncated });
	const csv = q.get('format') === 'csv';
	const body = csv
		? new TextEncoder().encode(reportCsv([table]))
		: await reportXlsx([table], { title: m.admin_audit_title({}, { locale }) });
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${auditFileName(scope, csv ? 'csv' : 'xlsx')}"`,
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
