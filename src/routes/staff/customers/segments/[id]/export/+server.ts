import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { segmentExport } from '#lib/server/customers/segments-export.ts';
import { reportCsv, reportXlsx } from '#lib/server/reports/export.ts';

/** The segment's members in the actor's estates today, every row, as XLSX (the default) or CSV. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const locale = getLocale();
	const { name, table } = await segmentExport(locals.actor, params.id, locale);
	const csv = url.searchParams.get('format') === 'csv';
	const body = csv ? new TextEncoder().encode(reportCsv([table])) : await reportXlsx([table], { title: name });
	const file = `segment-${params.id.slice(0, 8)}.${csv ? 'csv' : 'xlsx'}`;
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${file}"`,
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
