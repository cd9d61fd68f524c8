import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import {
	assignSchema,
	callbackSchema,
	claimSchema,
	directSchema,
	maliciousSchema,
	replySchema,
	resultSchema
} from '#lib/schemas/complaints.ts';
import { commentSchema, handOverSchema, reasonSchema } from '#lib/schemas/repairs.ts';
import { localDateTimeValue } from '#lib/time/index.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { formAction, type FormAction } from '#lib/server/forms/form-action.ts';
import { recordComplaintCallback } from '#lib/server/complaints/callback.ts';
import {
	assignComplaint,
	claimComplaint,
	closeComplaint,
	commentOnComplaint,
	directComplaint,
	escalateComplaint,
	handOverComplaint,
	markMalicious,
	promiseComplaintReply,
	reopenComplaint,
	replyToComplainant,
	resolveComplaint
} from '#lib/server/complaints/desk.ts';
import { complaintDetail, complaintStaffChoices } from '#lib/server/complaints/queries.ts';
import { complaintStages } from '#lib/server/complaints/machine.ts';
import { complaintMatchSuggestions, matchComplaint } from '#lib/server/complaints/match.ts';
import { caseUnitLookup } from '#lib/server/repairs/case-unit-lookup.ts';
import { matchUnitSchema } from '#lib/schemas/case-match.ts';
import { db } from '#lib/server/db/client.ts';

const HOUR = 3_600_000;

export const load = (async ({ locals, params, url }) => {
	requireStaff(locals.actor, ['complaints.read', 'complaints.resolve']);
	const detail = await complaintDetail(locals.actor, params.id);
	const { complaint, summary, timeZone } = detail;
	const [choices, matching] = await Promise.all([
		complaintStaffChoices(locals.actor, complaint.estateId),
		// An unverified complaint from the public widget: who it may be from, and a lookup for another unit.
		detail.actions.includes('match')
			? Promise.all([
					complaintMatchSuggestions(db(), complaint),
					caseUnitLookup(locals.actor, complaint.estateId, url.searchParams, {
						permission: 'complaints.intake',
						buildingId: complaint.buildingId
					})
				]).then(([suggestions, lookup]) => ({ suggestions, lookup }))
			: null
	]);
	const now = Date.now();
	return {
		timeZone,
		complaint: {
			id: complaint.id,
			reference: summary.reference,
			state: complaint.state,
			severity: complaint.severity,
			channel: complaint.channel,
			verified: complaint.verified,
			malicious: complaint.malicious,
			kindName: localizedName(summary.kind, getLocale()),
			estateName: summary.estateName,
			buildingName: summary.buildingName,
			unitNumber: summary.unitNumber,
			locationDetail: complaint.locationDetail,
			content: complaint.content,
			complainantName: complaint.complainantName,
			companyName: complaint.companyName,
			phone: complaint.phone,
			email: complaint.email,
			createdAt: complaint.createdAt,
			ownerName: summary.ownerName,
			promisedReplyBy: complaint.promisedReplyBy,
			promiseMissedAt: complaint.promiseMissedAt,
			department: complaint.department,
			departmentDueAt: complaint.departmentDueAt,
			deadlineMissedAt: complaint.deadlineMissedAt,
			responsibleName: detail.responsibleName,
			fixPlan: complaint.fixPlan,
			outsideParty: complaint.outsideParty,
			resolution: complaint.resolution,
			resolvedAt: complaint.resolvedAt,
			resolverSignedName: complaint.resolverSignedName,
			satisfied: complaint.satisfied,
			satisfactionComment: complaint.satisfactionComment,
			satisfactionAt: complaint.satisfactionAt,
			callbackAt: complaint.callbackAt,
			callbackMode: complaint.callbackMode,
			callbackSatisfied: complaint.callbackSatisfied,
			callbackNote: complaint.callbackNote,
			callbackSignedName: complaint.callbackSignedName,
			callbackSignatureFileId: complaint.callbackSignatureFileId,
			callbackByName: detail.callbackByName
		},
		stages: complaintStages,
		actions: detail.actions,
		timeline: detail.timeline,
		photos: detail.photos.filter((p) => p.type === 'complaint').map((p) => p.id),
		choices,
		matching,
		defaults: {
			promisedReplyBy: localDateTimeValue(new Date(now + 2 * HOUR), timeZone).slice(0, 14) + '00',
			dueAt: localDateTimeValue(new Date(now + 48 * HOUR), timeZone).slice(0, 14) + '00',
			signedName: locals.actor.name
		}
	};
}) satisfies PageServerLoad;

const empty = z.object({});

/** An action of this page: its form, one service call, back to the page with what was done. */
function act<S extends z.ZodType<Record<string, unknown>>>(event: RequestEvent, id: string, schema: S, run: FormAction<S>['run']) {
	// Staff first: a resident posting here is refused before the form is read.
	requireStaff(event.locals.actor, ['complaints.read', 'complaints.resolve']);
	return formAction(event, { id, schema, run, done: `/staff/complaints/${event.params.id}?done=${id}` });
}

export const actions = {
	claim: (e) => act(e, 'claim', claimSchema, (actor, data) => claimComplaint(actor, e.params.id, data)),
	promise: (e) => act(e, 'promise', claimSchema, (actor, data) => promiseComplaintReply(actor, e.params.id, data)),
	handOver: (e) => act(e, 'handOver', handOverSchema, (actor, data) => handOverComplaint(actor, e.params.id, data)),
	escalate: (e) => act(e, 'escalate', reasonSchema, (actor, data) => escalateComplaint(actor, e.params.id, data)),
	assign: (e) => act(e, 'assign', assignSchema, (actor, data) => assignComplaint(actor, e.params.id, data)),
	direct: (e) => act(e, 'direct', directSchema, (actor, data) => directComplaint(actor, e.params.id, data)),
	reply: (e) => act(e, 'reply', replySchema, (actor, data) => replyToComplainant(actor, e.params.id, data)),
	resolve: (e) => act(e, 'resolve', resultSchema, (actor, data) => resolveComplaint(actor, e.params.id, data)),
	malicious: (e) => act(e, 'malicious', maliciousSchema, (actor, data) => markMalicious(actor, e.params.id, data)),
	reopen: (e) => act(e, 'reopen', reasonSchema, (actor, data) => reopenComplaint(actor, e.params.id, data)),
	close: (e) => act(e, 'close', empty, (actor) => closeComplaint(actor, e.params.id)),
	callback: (e) => act(e, 'callback', callbackSchema, (actor, data) => recordComplaintCallback(actor, e.params.id, data)),
	comment: (e) => act(e, 'comment', commentSchema, (actor, data) => commentOnComplaint(actor, e.params.id, data)),
	match: (e) => act(e, 'match', matchUnitSchema, (actor, data) => matchComplaint(actor, e.params.id, data.unitId))
} satisfies Actions;
