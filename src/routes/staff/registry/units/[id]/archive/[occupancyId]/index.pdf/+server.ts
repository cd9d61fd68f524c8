import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { serveGenerated } from '#lib/server/files/service.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { openFilePart } from '#lib/server/archive/open.ts';
import { renderFileIndex } from '#lib/server/archive/index-pdf.ts';
import { archiveKindLabel, entryDetails } from '#lib/components/archive-labels.ts';

/**
 * One occupancy's printed index. A POST (from the opened file, with the reason it was opened
 * for): printing it is a read of the file, and is logged like one (archive/open.ts).
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const reason = formText(await request.formData().catch(() => new FormData()), 'reason');
	const locale = getLocale();
	let opened;
	try {
		opened = await openFilePart(locals.actor!, params.id, params.occupancyId, { reason, locale });
	} catch (err) {
		// A reader by grant who gave no reason: refused like any read without one.
		if (err instanceof InputError) error(400, err.message);
		throw err;
	}
	const pdf = await renderFileIndex({
		...opened,
		words: { kind: archiveKindLabel, details: (summary) => entryDetails(summary, locale) },
		locale,
		printedAt: new Date()
	});
	const label = `${opened.unit.buildingCode}-${opened.unit.number}`.replace(/[^A-Za-z0-9-]+/g, '-');
	return serveGenerated(pdf, 'application/pdf', `file-index-${label}-${opened.part.startsOn ?? 'unit'}.pdf`);
};
