import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { importRegistryCsv } from '#lib/server/property/import/service.ts';
import { importMaxBytes } from '#lib/schemas/registry.ts';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';

export const load = (({ locals }) => {
	requireStaff(locals.actor, 'registry.import');
	return {};
}) satisfies PageServerLoad;

// A plain multipart form (no superform): one file and one checkbox, and the report can be long.
export const actions = {
	default: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.import');
		let body: FormData;
		try {
			body = await readUploadForm(request);
		} catch {
			return fail(400, { fileError: m.registry_import_file_required(), importGoodRows: false });
		}
		const importGoodRows = body.get('importGoodRows') === 'on';
		const file = body.get('file');
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
			return fail(400, { fileError: m.registry_import_file_required(), importGoodRows });
		}
		if (file.size > importMaxBytes) {
			return fail(400, { fileError: m.files_csv_too_big({ max: importMaxBytes / 1024 / 1024 }), importGoodRows });
		}
		try {
			const report = await importRegistryCsv(
				locals.actor,
				{ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
				{ importGoodRows, ip: getClientAddress() }
			);
			return report.imported ? { report, importGoodRows } : fail(400, { report, importGoodRows });
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { fileError: err.message, importGoodRows });
		}
	}
} satisfies Actions;
