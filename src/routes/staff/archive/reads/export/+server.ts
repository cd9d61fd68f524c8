import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { exportArchiveReads } from '#lib/server/archive/read-log.ts';
import { reportCsv, reportXlsx } from '#lib/server/reports/export.ts';
import { readLogFileName, readLogTable } from '#lib/components/archive-labels.ts';

/** The read log as the page filters it (same permission, estates and filters), every row, as XLSX or CSV. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const q = url.searchParams;
	const { rows, truncated, scope } = await exportArchiveReads(locals.actor!, {
		estate: q.get('estate'),
		person: q.get('person'),
		what: q.get('what'),
		from: q.get('from'),
		to: q.get('to')
	});
	const table = readLogTable(rows, { truncated });
	const csv = q.get('format') === 'csv';
	const body = csv
		? new TextEncoder().encode(reportCsv([table]))
		: await reportXlsx([table], { title: m.archive_reads_title({}, { locale: getLocale() }) });
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${readLogFileName(scope, csv ? 'csv' : 'xlsx')}"`,
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
