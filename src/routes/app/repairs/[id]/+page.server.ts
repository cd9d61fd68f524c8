import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { quoteDecisionSchema, ratingSchema, reasonSchema, slotChoiceSchema } from '#lib/schemas/repairs.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { slotPickerText } from '#lib/components/repairs/texts.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { repairDetail } from '#lib/server/repairs/queries.ts';
import { decideQuote } from '#lib/server/repairs/quotes.ts';
import { cancelRepair, rateRepair, rejectCompletion, rescheduleRepair } from '#lib/server/repairs/resident.ts';
import { repairStages } from '#lib/server/repairs/machine.ts';
import { chooseOtherTime, confirmProposedTime } from '#lib/server/repairs/visit-time.ts';
import { openSlotsForRepair } from '#lib/server/repairs/resident-slots.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { act } from './case-action.ts';

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
	const slots = actions.includes('reschedule') || actions.includes('choose_time') ? await openSlotsForRepair(locals.actor, order.id) : null;
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
		booking: detail.booking ? { slotId: detail.booking.slotId, startsAt: detail.booking.startsAt, endsAt: detail.booking.endsAt } : null,
		/** How the time was agreed after the technician could not keep a visit (null: booked the usual way). */
		visit: detail.visit
			? {
					state: detail.visit.state,
					reason: detail.visit.reason,
					proposedAt: detail.visit.proposedAt,
					answeredAt: detail.visit.answeredAt,
					byPhone: detail.visit.byPhone
				}
			: null,
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
		text: { slotPicker: slotPickerText() }
	};
}) satisfies PageServerLoad;

// Signing off and commenting (with photos) are pages of their own: sign-off/ and comment/.
export const actions = {
	reschedule: (event) => act(event, 'reschedule', slotChoiceSchema, (actor, id, data) => rescheduleRepair(actor, id, data)),
	/** The time the technician proposed after missing the visit: confirmed as it is, or another free slot chosen. */
	confirmTime: (event) => act(event, 'confirmTime', slotChoiceSchema, (actor, id, data) => confirmProposedTime(actor, id, data)),
	chooseTime: (event) => act(event, 'chooseTime', slotChoiceSchema, (actor, id, data) => chooseOtherTime(actor, id, data)),
	cancel: (event) => act(event, 'cancel', reasonSchema, (actor, id, data) => cancelRepair(actor, id, data)),
	reject: (event) => act(event, 'reject', reasonSchema, (actor, id, data) => rejectCompletion(actor, id, data)),
	rate: (event) => act(event, 'rate', ratingSchema, (actor, id, data) => rateRepair(actor, id, data)),
	quote: (event) =>
		act(event, 'quote', quoteDecisionSchema, (actor, id, data, body) => decideQuote(actor, id, formText(body, 'quoteId'), data))
} satisfies Actions;
