import { fail } from '@sveltejs/kit';
import { superValidate, withFiles, type SuperValidated } from 'sveltekit-superforms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { money } from '#lib/money/index.ts';
import { clockTime, localClock, localDate } from '#lib/time/index.ts';
import { arrivalText } from '#lib/repair-labels.ts';
import { type Actor } from '#lib/server/auth/actor.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { db } from '#lib/server/db/client.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { assignRepair, claimRepair, handOverRepair, promiseReply } from '#lib/server/repairs/desk.ts';
import { repairDetail } from '#lib/server/repairs/queries.ts';
import { requestQuote, reviewQuote } from '#lib/server/repairs/quotes.ts';
import { cancelRepair, commentOnRepair, rescheduleRepair, signOffRepair } from '#lib/server/repairs/resident.ts';
import { orderChoices, teamName } from '#lib/server/repairs/staff-choices.ts';
import {
	addAfterPhotos,
	completeWork,
	confirmOnSite,
	missAppointment,
	receiveOrder,
	recordMaterial,
	scheduleRepair
} from '#lib/server/repairs/work.ts';
import { matchRepair, repairMatchSuggestions } from '#lib/server/repairs/match.ts';
import { chooseOtherTime, confirmProposedTime } from '#lib/server/repairs/visit-time.ts';
import { caseUnitLookup } from '#lib/server/repairs/case-unit-lookup.ts';
import { adapters, quoteInput } from './forms.ts';
import { postedFiles, readUploadForm } from '#lib/server/forms/upload-form.ts';

const HOUR = 3_600_000;

/** The order page's actions need someone who may read repairs at all; finer checks are the services'. */
function actorOf(event: { locals: App.Locals }): Actor {
	requireStaff(event.locals.actor, 'repairs.read');
	return event.locals.actor;
}

export const load = (async (event) => {
	// Only reads: receiving the order (工程部接單) is the technician's explicit action, since a
	// hovered link preloads this page.
	const actor = actorOf(event);
	const { params, url } = event;
	const detail = await repairDetail(actor, params.id);
	const locale = getLocale();
	const { timeZone } = detail;
	const [choices, team, matching] = await Promise.all([
		orderChoices(detail, locale),
		teamName(db(), detail.order.teamId),
		// A request from the public widget not yet matched: who it may be from, and a lookup for another unit.
		detail.actions.includes('match')
			? Promise.all([
					repairMatchSuggestions(db(), detail.order),
					caseUnitLookup(actor, detail.order.estateId, url.searchParams, { permission: 'repairs.read' })
				]).then(([suggestions, lookup]) => ({ suggestions, lookup }))
			: null
	]);
	const inTwoHours = new Date(Date.now() + 2 * HOUR);
	const bookedSlot = detail.booking?.slotId ?? '';
	// Every action's form, empty or with its useful default (superValidate does no I/O).
	const forms = {
		plain: await superValidate(adapters.plain, { id: 'plain' }),
		handOver: await superValidate(adapters.handOver, { id: 'handOver' }),
		promise: await superValidate(
			{ promisedReplyBy: `${localDate(inTwoHours, timeZone)}T${localClock(inTwoHours, timeZone).slice(0, 2)}:00` },
			adapters.promise,
			{ id: 'promise', errors: false }
		),
		assign: await superValidate(adapters.assign, { id: 'assign' }),
		reassign: await superValidate(adapters.reassign, { id: 'reassign' }),
		schedule: await superValidate({ slotId: bookedSlot }, adapters.schedule, { id: 'schedule', errors: false }),
		miss: await superValidate(adapters.miss, { id: 'miss' }),
		confirmTime: await superValidate({ slotId: bookedSlot }, adapters.confirmTime, { id: 'confirmTime', errors: false }),
		chooseTime: await superValidate(adapters.chooseTime, { id: 'chooseTime' }),
		material: await superValidate({ quantity: '1', source: 'estate' as const }, adapters.material, { id: 'material', errors: false }),
		afterPhotos: await superValidate(adapters.afterPhotos, { id: 'afterPhotos' }),
		quote: await superValidate({ workMinutes: 30 }, adapters.quote, { id: 'quote', errors: false }),
		review: await superValidate(adapters.review, { id: 'review' }),
		complete: await superValidate(adapters.complete, { id: 'complete' }),
		signOff: await superValidate({ signedName: detail.order.contactName }, adapters.signOff, { id: 'signOff', errors: false }),
		comment: await superValidate(adapters.comment, { id: 'comment' }),
		cancel: await superValidate(adapters.cancel, { id: 'cancel' })
	};
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
		/** The machine's answer: the page offers exactly these actions. */
		actions: detail.actions,
		quoteInPlay: detail.quoteInPlay,
		booking: detail.booking,
		visit: detail.visit,
		timeline: detail.timeline,
		photos: detail.photos,
		materials: detail.materials,
		quotes: detail.quotes.map((q) => ({
			id: q.id,
			state: q.state,
			actions: q.actions,
			createdAt: q.createdAt,
			total: money(q.totalMinor, q.currency),
			workMinutes: q.workMinutes,
			note: q.note,
			decisionNote: q.decisionNote,
			lines: q.lines.map((line) => ({
				name: localizedName(line, locale),
				quantity: line.quantity,
				amount: money(line.unitPriceMinor * line.quantity, q.currency)
			}))
		})),
		rating: detail.rating,
		callback: detail.callback,
		choices,
		matching,
		entered: url.searchParams.get('entered') === '1',
		forms
	};
}) satisfies PageServerLoad;

type Event = RequestEvent;

/**
 * A service's refusal shown where the person can act on it: at its field, or above the page (the
 * form's own error) when it has none — the order moved on, and the reloaded page shows where it
 * stands now.
 */
function refused<T extends Record<string, unknown>>(form: SuperValidated<T>, err: unknown, fieldFor?: (field: string) => string) {
	showInputError(form, err, fieldFor);
	return fail(400, withFiles({ form }));
}

/** Actions without fields (claim, receive, on site) post an empty form, so a refusal reads like any other. */
async function plain(event: Event, run: (actor: Actor) => Promise<unknown>, done: string) {
	const actor = actorOf(event);
	const form = await superValidate(event.request, adapters.plain, { id: 'plain' });
	try {
		await run(actor);
	} catch (err) {
		return refused(form, err);
	}
	return { form, done };
}

export const actions = {
	claim: (event) => plain(event, (actor) => claimRepair(actor, event.params.id), m.repairs_staff_done_claimed()),

	receive: (event) => plain(event, (actor) => receiveOrder(actor, event.params.id), m.repairs_staff_done_received()),

	/** The technician has arrived (on-site confirmation): said back with how it compares with the appointed start. */
	start: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.plain, { id: 'plain' });
		let arrival: Awaited<ReturnType<typeof confirmOnSite>>;
		try {
			arrival = await confirmOnSite(actor, event.params.id);
		} catch (err) {
			return refused(form, err);
		}
		const at = clockTime(arrival.arrivedAt, arrival.timeZone);
		const done =
			arrival.minutesAfterAppointment === null
				? m.visits_done_arrived({ time: at })
				: m.visits_done_arrived_against({ time: at, against: arrivalText(arrival.minutesAfterAppointment) });
		return { form, done };
	},

	handOver: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.handOver, { id: 'handOver' });
		if (!form.valid) return fail(400, { form });
		try {
			await handOverRepair(actor, event.params.id, form.data);
		} catch (err) {
			return refused(form, err);
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
			return refused(form, err);
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
			return refused(form, err);
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
			return refused(form, err);
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
			return refused(form, err);
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
			return refused(form, err);
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
			return refused(form, err);
		}
		return { form, done: m.visits_done_proposed() };
	},

	confirmTime: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.confirmTime, { id: 'confirmTime' });
		if (!form.valid) return fail(400, { form });
		try {
			await confirmProposedTime(actor, event.params.id, form.data);
		} catch (err) {
			return refused(form, err);
		}
		return { form, done: m.visits_done_desk_confirmed() };
	},

	chooseTime: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.chooseTime, { id: 'chooseTime' });
		if (!form.valid) return fail(400, { form });
		try {
			await chooseOtherTime(actor, event.params.id, form.data);
		} catch (err) {
			return refused(form, err);
		}
		return { form, done: m.visits_done_desk_chosen() };
	},

	material: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.material, { id: 'material' });
		if (!form.valid) return fail(400, { form });
		try {
			await recordMaterial(actor, event.params.id, form.data);
		} catch (err) {
			return refused(form, err);
		}
		return { form, done: m.repairs_staff_done_material() };
	},

	afterPhotos: async (event) => {
		const actor = actorOf(event);
		const body = await readUploadForm(event.request);
		const form = await superValidate(body, adapters.afterPhotos, { id: 'afterPhotos' });
		try {
			await addAfterPhotos(actor, event.params.id, postedFiles(body));
		} catch (err) {
			return refused(form, err);
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
			return refused(form, err, (field) => (field.startsWith('lines') ? 'itemId' : field));
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
			return refused(form, err);
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
			return refused(form, err);
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
			return refused(form, err);
		}
		return { form, done: m.repairs_staff_done_signed_off() };
	},

	comment: async (event) => {
		const actor = actorOf(event);
		const body = await readUploadForm(event.request);
		const form = await superValidate(body, adapters.comment, { id: 'comment' });
		if (!form.valid) return fail(400, withFiles({ form }));
		try {
			await commentOnRepair(actor, event.params.id, form.data, postedFiles(body));
		} catch (err) {
			return refused(form, err);
		}
		return withFiles({ form, done: m.repairs_staff_done_comment() });
	},

	match: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.match, { id: 'match' });
		if (!form.valid) return fail(400, { form });
		try {
			await matchRepair(actor, event.params.id, form.data.unitId);
		} catch (err) {
			return refused(form, err);
		}
		return { form, done: m.case_match_done() };
	},

	cancel: async (event) => {
		const actor = actorOf(event);
		const form = await superValidate(event.request, adapters.cancel, { id: 'cancel' });
		if (!form.valid) return fail(400, { form });
		try {
			await cancelRepair(actor, event.params.id, form.data);
		} catch (err) {
			return refused(form, err);
		}
		return { form, done: m.repairs_staff_done_cancelled() };
	}
} satisfies Actions;
