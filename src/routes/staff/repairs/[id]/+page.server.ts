import { error, fail } from '@sveltejs/kit';
import { superValidate, withFiles } from 'sveltekit-superforms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { type Actor } from '#lib/server/auth/actor.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { estateTimeZone } from '#lib/server/appointments/access.ts';
import { localClock, localDate } from '#lib/server/appointments/slot-times.ts';
import { db } from '#lib/server/db/client.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { minorToDecimal } from '#lib/money/index.ts';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { RepairStateError } from '#lib/server/repairs/errors.ts';
import { assignRepair, claimRepair, handOverRepair, promiseReply } from '#lib/server/repairs/desk.ts';
import { repairDetail } from '#lib/server/repairs/queries.ts';
import { requestQuote, reviewQuote } from '#lib/server/repairs/quotes.ts';
import { cancelRepair, commentOnRepair, rescheduleRepair, signOffRepair } from '#lib/server/repairs/resident.ts';
import { mayHandOver, orderChoices, teamName } from '#lib/server/repairs/staff-choices.ts';
import {
	addAfterPhotos,
	completeWork,
	confirmOnSite,
	markReceivedByTechnician,
	missAppointment,
	recordMaterial,
	scheduleRepair
} from '#lib/server/repairs/work.ts';
import { showRepairError } from '../form-errors.ts';
import { adapters, quoteInput } from './forms.ts';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';

const HOUR = 3_600_000;

/** The order page's actions need someone who may read repairs at all; finer checks are the services'. */
function actorOf(event: { locals: App.Locals }): Actor {
	requireStaff(event.locals.actor, 'repairs.read');
	if (event.locals.actor.kind !== 'staff') error(403, 'Forbidden');
	return event.locals.actor;
}

function files(body: FormData, name = 'photos'): File[] {
	return body.getAll(name).filter((value): value is File => value instanceof File);
}

export const load = (async (event) => {
	const actor = actorOf(event);
	const { params, url } = event;
	// Opening the order is when the assigned technician receives it (工程部接單時間); only theirs counts.
	await markReceivedByTechnician(actor, params.id);
	const detail = await repairDetail(actor, params.id);
	const locale = getLocale();
	const timeZone = estateTimeZone(detail.order.estateId);
	const [choices, team] = await Promise.all([orderChoices(actor, detail, locale), teamName(db(), detail.order.teamId)]);
	const inTwoHours = new Date(Date.now() + 2 * HOUR);
	const bookedSlot = detail.booking?.slotId ?? '';
	const [handOver, promise, assign, reassign, schedule, miss, material, afterPhotos, quote, review, complete, signOff, comment, cancel] =
		await Promise.all([
			superValidate(adapters.handOver, { id: 'handOver' }),
			superValidate(
				{ promisedReplyBy: `${localDate(inTwoHours, timeZone)}T${localClock(inTwoHours, timeZone).slice(0, 2)}:00` },
				adapters.promise,
				{ id: 'promise', errors: false }
			),
			superValidate(adapters.assign, { id: 'assign' }),
			superValidate(adapters.reassign, { id: 'reassign' }),
			superValidate({ slotId: bookedSlot }, adapters.schedule, { id: 'schedule', errors: false }),
			superValidate(adapters.miss, { id: 'miss' }),
			superValidate({ quantity: '1', source: 'estate' as const }, adapters.material, { id: 'material', errors: false }),
			superValidate(adapters.afterPhotos, { id: 'afterPhotos' }),
			superValidate({ workMinutes: 30 }, adapters.quote, { id: 'quote', errors: false }),
			superValidate(adapters.review, { id: 'review' }),
			superValidate(adapters.complete, { id: 'complete' }),
			superValidate({ signedName: detail.order.contactName }, adapters.signOff, { id: 'signOff', errors: false }),
			superValidate(adapters.comment, { id: 'comment' }),
			superValidate(adapters.cancel, { id: 'cancel' })
		]);
	const { order, summary } = detail;
	return {
		order,
		summary: {
			estateName: summary.estateName,
			buildingName: summary.buildingName,
			unitNumber: summary.unitNumber,
			ownerName: summary.ownerName,
			technicianName: summary.technicianName,
			kind: repairKindName(detail.kind, locale)
		},
		teamName: team,
		timeZone,
		capacities: detail.capacities,
		actions: detail.actions,
		mayClaim: (detail.capacities.includes('desk') || detail.capacities.includes('supervisor')) && !order.ownerId && order.state !== 'done' && order.state !== 'cancelled',
		mayPromise: (detail.capacities.includes('desk') || detail.capacities.includes('supervisor')) && order.state !== 'done' && order.state !== 'cancelled',
		mayHandOver: mayHandOver(actor, detail),
		mayWork: detail.capacities.includes('technician') && order.state === 'in_progress',
		mayComment: detail.capacities.length > 0 && order.state !== 'cancelled',
		booking: detail.booking,
		timeline: detail.timeline,
		photos: detail.photos,
		materials: detail.materials,
		quotes: detail.quotes.map((q) => ({
			id: q.id,
			state: q.state,
			createdAt: q.createdAt,
			total: minorToDecimal(q.totalMinor),
			workMinutes: q.workMinutes,
			note: q.note,
			decisionNote: q.decisionNote,
			lines: q.lines.map((line) => ({
				name: localizedName(line, locale),
				quantity: line.quantity,
				unitPrice: minorToDecimal(line.unitPriceMinor),
				amount: minorToDecimal(line.unitPriceMinor * line.quantity)
			}))
		})),
		pendingQuoteId: detail.quotes.find((q) => q.state === 'pending_approval')?.id ?? null,
		rating: detail.rating,
		callback: detail.callback,
		choices,
		entered: url.searchParams.get('entered') === '1',
		forms: { handOver, promise, assign, reassign, schedule, miss, material, afterPhotos, quote, review, complete, signOff, comment, cancel }
	};
}) satisfies PageServerLoad;

type Event = RequestEvent;

/** Actions without fields (claim, on site): a state problem shows above the page, as for the others. */
async function plain(event: Event, run: (actor: Actor) => Promise<unknown>, done: string) {
	const actor = actorOf(event);
	try {
		await run(actor);
	} catch (err) {
		if (!(err instanceof RepairStateError)) throw err;
		return fail(400, { stateError: err.message });
	}
	return { done };
}

export const actions = {
	claim: (event) => plain(event, (actor) => claimRepair(actor, event.params.id), m.repairs_staff_done_claimed()),

	start: (event) => plain(event, (actor) => confirmOnSite(actor, event.params.id), m.repairs_staff_done_on_site()),

	handOver: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.handOver, { id: 'handOver' });
		if (!form.valid) return fail(400, { form });
		try {
			await handOverRepair(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_handed_over() };
	},

	promise: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.promise, { id: 'promise' });
		if (!form.valid) return fail(400, { form });
		try {
			await promiseReply(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_promised() };
	},

	assign: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.assign, { id: 'assign' });
		if (!form.valid) return fail(400, { form });
		let technicianName: string;
		try {
			({ technicianName } = await assignRepair(actor, event.params.id, form.data));
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_assigned({ name: technicianName }) };
	},

	reassign: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.reassign, { id: 'reassign' });
		if (!form.valid) return fail(400, { form });
		let technicianName: string;
		try {
			({ technicianName } = await assignRepair(actor, event.params.id, form.data, { reassign: true }));
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_assigned({ name: technicianName }) };
	},

	schedule: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.schedule, { id: 'schedule' });
		if (!form.valid) return fail(400, { form });
		try {
			await scheduleRepair(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_scheduled() };
	},

	/** The desk moves the booked appointment before the order is scheduled (same form as schedule). */
	reschedule: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.schedule, { id: 'schedule' });
		if (!form.valid) return fail(400, { form });
		try {
			await rescheduleRepair(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_rescheduled() };
	},

	miss: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.miss, { id: 'miss' });
		if (!form.valid) return fail(400, { form });
		try {
			await missAppointment(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_missed() };
	},

	material: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.material, { id: 'material' });
		if (!form.valid) return fail(400, { form });
		try {
			await recordMaterial(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_material() };
	},

	afterPhotos: async (event) => {
		const actor = actorOf(event);
		const body = await readUploadForm(event.request);
		const form = await superValidate(body, adapters.afterPhotos, { id: 'afterPhotos' });
		try {
			await addAfterPhotos(actor, event.params.id, files(body));
		} catch (err) {
			return showRepairError(form, err);
		}
		return withFiles({ form, done: m.repairs_staff_done_after_photos() });
	},

	quote: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.quote, { id: 'quote' });
		if (!form.valid) return fail(400, { form });
		try {
			await requestQuote(actor, event.params.id, quoteInput(form.data));
		} catch (err) {
			return showRepairError(form, err, (field) => (field.startsWith('lines') ? 'itemId' : field));
		}
		return { form, done: m.repairs_staff_done_quote() };
	},

	review: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.review, { id: 'review' });
		if (!form.valid) return fail(400, { form });
		try {
			await reviewQuote(actor, event.params.id, form.data.quoteId, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: form.data.decision === 'approve' ? m.repairs_staff_done_quote_approved() : m.repairs_staff_done_quote_rejected() };
	},

	complete: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.complete, { id: 'complete' });
		if (!form.valid) return fail(400, { form });
		try {
			await completeWork(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_completed() };
	},

	signOff: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.signOff, { id: 'signOff' });
		if (!form.valid) return fail(400, { form });
		try {
			await signOffRepair(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_signed_off() };
	},

	comment: async (event) => {
		const actor = actorOf(event);
		const body = await readUploadForm(event.request);
		const form = await superValidate(body, adapters.comment, { id: 'comment' });
		if (!form.valid) return fail(400, withFiles({ form }));
		try {
			await commentOnRepair(actor, event.params.id, form.data, files(body));
		} catch (err) {
			return showRepairError(form, err);
		}
		return withFiles({ form, done: m.repairs_staff_done_comment() });
	},

	cancel: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.cancel, { id: 'cancel' });
		if (!form.valid) return fail(400, { form });
		try {
			await cancelRepair(actor, event.params.id, form.data);
		} catch (err) {
			return showRepairError(form, err);
		}
		return { form, done: m.repairs_staff_done_cancelled() };
	}
} satisfies Actions;
