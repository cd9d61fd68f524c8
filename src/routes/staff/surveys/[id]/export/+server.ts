import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { reportCsv, reportXlsx } from '#lib/server/reports/export.ts';
import { surveyExport } from '#lib/server/surveys/results.ts';

const types = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/**
 * The survey's results as a file (`?format=xlsx|csv&what=responses|summary`): the same permission
 * (surveys.manage) and estate scope as the results page. Responses name no person.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireSignedIn(locals.actor);
	const format = url.searchParams.get('format') ?? 'xlsx';
	const what = url.searchParams.get('what') ?? 'summary';
	if (format !== 'csv' && format !== 'xlsx') error(400, 'Unknown format');
	if (what !== 'responses' && what !== 'summary') error(400, 'Unknown export');
	const file = await surveyExport(locals.actor, params.id, what, getLocale());
	const body = format === 'csv' ? new TextEncoder().encode(reportCsv(file.tables)) : await reportXlsx(file.tables, { title: file.title });
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': types[format],
			'Content-Disposition': `attachment; filename="${file.fileName(format)}"`,
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
