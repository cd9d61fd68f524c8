import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate, withFiles, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { commentSchema, quoteDecisionSchema, ratingSchema, reasonSchema, signOffSchema, slotChoiceSchema } from '#lib/schemas/repairs.ts';
import { type Actor } from '#lib/server/auth/actor.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { photoFieldText, slotPickerText } from '#lib/components/repairs/texts.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { repairDetail } from '#lib/server/repairs/queries.ts';
import { decideQuote } from '#lib/server/repairs/quotes.ts';
import {
	cancelRepair,
	commentOnRepair,
	rateRepair,
	rejectCompletion,
	rescheduleRepair,
	signOffRepair
} from '#lib/server/repairs/resident.ts';
import { repairStages } from '#lib/server/repairs/machine.ts';
import { openSlotsForRepair } from '#lib/server/repairs/resident-slots.ts';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';
import { formText } from '#lib/server/forms/form-text.ts';

/** Timeline details a resident's page shows; everything else in an event's data stays on the server. */
const shownEventData = [
	'startsAt',
	'endsAt',
	'appointment',
	'photoIds',
	'technicianName',
	'name',
	'quantity',
	'signedName',
	'overall',
	'dueAt',
	'promisedReplyBy'
];

export const load = (async ({ locals, params }) => {
	requireResident(locals.actor);
	const detail = await repairDetail(locals.actor, params.id);
	const { order, summary, actions } = detail;
	const locale = getLocale();
	const slots = actions.includes('reschedule') ? await openSlotsForRepair(locals.actor, order.id) : null;
	return {
		/** The estate's zone: every time on the page is read in it. */
		timeZone: detail.timeZone,
		repair: {
			id: order.id,
			reference: order.reference,
			state: order.state,
			createdAt: order.createdAt,
			kindName: repairKindName(detail.kind, locale),
			estateName: summary.estateName,
			buildingName: summary.buildingName,
			unitNumber: summary.unitNumber,
			location: order.location,
			locationDetail: order.locationDetail,
			description: order.description,
			contactName: order.contactName,
			contactPhone: order.contactPhone,
			enterWhenAbsent: order.enterWhenAbsent,
			accessNotes: order.accessNotes,
			callToArrange: order.callToArrange,
			technicianName: summary.technicianName,
			workSummary: order.workSummary,
			signedOffAt: order.signedOffAt,
			signedOffName: order.signedOffName,
			signatureFileId: order.signatureFileId,
			cancelledAt: order.cancelledAt
		},
		actions,
		stages: repairStages,
		/** States the order has been in: a stage it skipped (scheduled, when work began at once) shows as skipped. */
		reached: [...new Set(detail.timeline.flatMap((entry) => (entry.to ? [entry.to] : [])))],
		booking: detail.booking ? { startsAt: detail.booking.startsAt, endsAt: detail.booking.endsAt } : null,
		timeline: detail.timeline.map((entry) => ({
			id: entry.id,
			at: entry.at,
			kind: entry.kind,
			note: entry.note,
			actorName: entry.actorName,
			byStaff: entry.byStaff,
			data: Object.fromEntries(Object.entries(entry.data ?? {}).filter(([key]) => shownEventData.includes(key)))
		})),
		photos: detail.photos.map((p) => ({ id: p.id, type: p.type })),
		materials: detail.materials.map((mat) => ({
			id: mat.id,
			name: mat.name,
			quantity: mat.quantity,
			source: mat.source,
			accepted: mat.accepted,
			note: mat.note
		})),
		quotes: detail.quotes.map((q) => ({
			id: q.id,
			state: q.state,
			actions: q.actions,
			currency: q.currency,
			totalMinor: q.totalMinor,
			workMinutes: q.workMinutes,
			note: q.note,
			createdAt: q.createdAt,
			lines: q.lines.map((line) => ({
				name: localizedName(line, locale),
				quantity: line.quantity,
				unitPriceMinor: line.unitPriceMinor
			}))
		})),
		rating: detail.rating
			? { overall: detail.rating.overall, speed: detail.rating.speed, technician: detail.rating.technician, comment: detail.rating.comment }
			: null,
		callback: detail.callback ? { dueAt: detail.callback.dueAt, doneAt: detail.callback.doneAt } : null,
		slots,
		text: { photoField: photoFieldText(), slotPicker: slotPickerText() }
	};
}) satisfies PageServerLoad;

type ActionEvent = RequestEvent<{ id: string }>;
type FormId = 'reschedule' | 'cancel' | 'comment' | 'signOff' | 'reject' | 'rate' | 'quote';

/**
 * Every action on the case page has the same shape: validate its own form, call one service,
 * and go back to the page (303) with a confirmation. An InputError becomes a message at its
 * field — field '' (the order moved on) above the forms — and nothing is changed.
 */
async function act<S extends z.ZodType<Record<string, unknown>>>(
	event: ActionEvent,
	id: FormId,
	schema: S,
	run: (actor: Actor, repairId: string, data: z.output<S>, body: FormData) => Promise<void>
) {
	requireResident(event.locals.actor);
	let body: FormData;
	try {
		body = await readUploadForm(event.request);
	} catch {
		error(400, 'Unreadable form');
	}
	// zod4() cannot take a schema that is still generic; the form is that schema's all the same.
	const form = (await superValidate(body, zod4(schema as never), { id })) as SuperValidated<z.output<S>>;
	const photosPosted = id === 'comment' ? postedPhotos(body).length : 0;
	if (!form.valid) return fail(400, withFiles({ form, photosPosted }));
	try {
		await run(event.locals.actor, event.params.id, form.data, body);
	} catch (err) {
		showInputError(form, err);
		return fail(400, withFiles({ form, photosPosted }));
	}
	redirect(303, `/app/repairs/${event.params.id}?done=${id}`);
}

function postedPhotos(body: FormData): File[] {
	return body.getAll('photos').filter((f): f is File => f instanceof File && !(f.size === 0 && f.name === ''));
}

export const actions = {
	reschedule: (event) => act(event, 'reschedule', slotChoiceSchema, (actor, id, data) => rescheduleRepair(actor, id, data)),
	cancel: (event) => act(event, 'cancel', reasonSchema, (actor, id, data) => cancelRepair(actor, id, data)),
	comment: (event) => act(event, 'comment', commentSchema, (actor, id, data, body) => commentOnRepair(actor, id, data, postedPhotos(body))),
	signOff: (event) => act(event, 'signOff', signOffSchema, (actor, id, data) => signOffRepair(actor, id, data)),
	reject: (event) => act(event, 'reject', reasonSchema, (actor, id, data) => rejectCompletion(actor, id, data)),
	rate: (event) => act(event, 'rate', ratingSchema, (actor, id, data) => rateRepair(actor, id, data)),
	quote: (event) =>
		act(event, 'quote', quoteDecisionSchema, (actor, id, data, body) => decideQuote(actor, id, formText(body, 'quoteId'), data))
} satisfies Actions;
