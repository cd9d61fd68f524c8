/**
 * The widget's two request forms (a repair, a complaint) as one page of each kind: what the form
 * offers, and what posting it does. The routes only name their kind.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { superValidate, withFiles } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { getLocale } from '#lib/paraglide/runtime.js';
import { widgetRequestSchema } from '#lib/schemas/widget.ts';
import { db } from '../db/client.ts';
import { buildings } from '../db/schema/index.ts';
import { listComplaintKinds } from '../dictionaries/complaint-kinds.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { listRepairKinds } from '../dictionaries/repair-kinds.ts';
import { photoLimits } from '../files/photos.ts';
import { showInputError } from '../forms/show-input-error.ts';
import { postedFiles } from '../forms/upload-form.ts';
import { checkPhotos } from '../repairs/photos.ts';
import { issueFormToken } from './form-token.ts';
import { sendWidgetRequest, type WidgetRequestKind } from './requests.ts';
import { widgetOr404 } from './settings.ts';

/** The form's choices: the estate's buildings and the kinds of this request, in the page's language. */
export async function requestFormLoad(key: string, kind: WidgetRequestKind) {
	const widget = await widgetOr404(key, kind);
	const locale = getLocale();
	const [buildingRows, kinds] = await Promise.all([
		db()
			.select({ id: buildings.id, name: buildings.name })
			.from(buildings)
			.where(eq(buildings.estateId, widget.estateId))
			.orderBy(asc(buildings.code)),
		kind === 'repair' ? listRepairKinds(db(), { activeOnly: true }) : listComplaintKinds(db(), { activeOnly: true })
	]);
	const form = await superValidate(
		{ buildingId: buildingRows.length === 1 ? buildingRows[0]!.id : '', token: issueFormToken(widget, new Date()) },
		zod4(widgetRequestSchema),
		{ errors: false }
	);
	return {
		kind,
		form,
		buildings: buildingRows,
		kinds: kinds.map((k) => ({ id: k.id, label: localizedName(k, locale) })),
		maxPhotos: photoLimits.maxPhotos
	};
}

/** Posting the form (its body read by the route, with the upload limits): the code goes out and the visitor types it on the next page; else the form comes back with its messages. */
export async function postRequestForm(event: RequestEvent<{ key: string; lang: string }>, kind: WidgetRequestKind, body: FormData) {
	const widget = await widgetOr404(event.params.key, kind);
	const form = await superValidate(body, zod4(widgetRequestSchema));
	const photos = postedFiles(body);
	// A refused form comes back with a fresh time token, so sending it again works.
	const refuse = () => {
		form.data.token = issueFormToken(widget, new Date());
		return fail(400, withFiles({ form }));
	};
	if (!form.valid) {
		await checkPhotos(photos).catch((err: unknown) => showInputError(form, err));
		return refuse();
	}
	let requestId: string;
	try {
		requestId = await sendWidgetRequest(widget, kind, form.data, photos, { ip: event.getClientAddress() });
	} catch (err) {
		showInputError(form, err);
		return refuse();
	}
	redirect(303, `/widget/${widget.publicKey}/${event.params.lang}/code/${requestId}`);
}
