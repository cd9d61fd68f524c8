// How the second-actor test finds, for a route that names a record, a real record of that kind
// and who owns it. A route with a parameter and no entry here fails the test ("add a resolver").
import { randomUUID } from 'node:crypto';
import type { Actor } from '#lib/server/auth/actor.ts';
import { randomString } from '#lib/server/auth/tokens.ts';
import { demoResident, demoStaff } from '#lib/server/seed/demo-data.ts';
import { DEMO_WIDGET_KEY } from '#lib/server/seed/demo-widget.ts';
import { isStaffRoute, mayOpenStaffRoute } from '#lib/server/auth/staff-routes.ts';
import type { Outcome } from './outcome.ts';
import { demoStaffEmails, SECRET_CONTACT, SECRET_GOODS, SECRET_MEMBER, type DemoStaff, type SecondActor, type World } from './world.ts';

export type Fields = Record<string, string | string[] | Blob>;

/** Who opens the record: a named person of the world, or anyone holding a personal link. */
export type Owner = 'chan' | 'neighbour' | 'acmeAdmin' | DemoStaff | 'link holder';

export interface Resolver {
	owner: Owner;
	/** The route's parameters naming the owner's record. */
	params(w: World): Record<string, string>;
	/** A personal link: every second actor presents these parameters, a link nobody was given. */
	forged?(w: World): Record<string, string>;
	/** Fields an action posts on top of the shared ones, where the shared ones do not fit. */
	forms?(w: World): Record<string, Fields>;
	/**
	 * Others who share the record's unit (the landlord, a later occupant) may open the page and do
	 * what any occupant may (entries in `mayDo`), but must not see the owner's private records.
	 */
	shared?: { actors: SecondActor[]; mayDo: string[]; secrets(w: World): string[] };
	/** What the owner's load must show beyond answering, when answering alone proves nothing. */
	opened?(outcome: Outcome): boolean;
	/** How a refusal looks when it is not an error (a link's page saying it is not valid). */
	refusal?: { says: string; test(outcome: Outcome): boolean };
}

const NOTE = 'Tried by the second-actor test';

/** Values every form posts, so that a refusal cannot come from validation before the ownership check. */
export function sharedFields(w: World): Fields {
	return {
		photos: w.photo,
		reason: NOTE,
		comment: NOTE,
		note: NOTE,
		workSummary: NOTE,
		description: NOTE,
		suggestions: NOTE,
		slotId: w.ids.hvgSlot,
		mode: 'technician',
		technicianId: w.people.staff.engineer.userId,
		teamId: w.ids.hvgTeam,
		toUserId: w.people.staff.manager.userId,
		assigneeId: w.people.staff.manager.userId,
		promisedReplyBy: '2030-01-15T10:00',
		name: 'Second Actor',
		relation: 'Friend',
		phone: '+852 9000 0000',
		email: 'second.actor@example.test',
		role: 'owner',
		quantity: '1',
		source: 'estate',
		itemId: randomUUID(),
		quoteId: randomUUID(),
		workMinutes: '30',
		decision: 'approve',
		signedName: 'Second Actor',
		residentSignedName: 'Second Actor',
		overall: '5',
		speed: '5',
		technician: '5',
		workOk: 'yes',
		chargesOk: 'yes',
		problemFound: 'no',
		serviceRating: '5',
		userId: w.ids.acmeMember,
		areaM2: '80.00',
		use: 'residential',
		partyType: 'person',
		startsOn: w.today,
		endsOn: w.today,
		occupancyId: w.ids.neighbourOccupancy,
		method: 'cash',
		paidOn: w.today,
		amount: '1.00',
		receiptNo: 'SECOND-ACTOR-1',
		receivedOn: w.today,
		key: randomUUID(),
		feeItemId: '',
		unitPrice: '1.00',
		roles: ['engineering'],
		estateIds: [w.ids.hvg],
		code: 'ZZ',
		outcome: 'pay',
		password: 'a-new-password-2026',
		confirm: 'a-new-password-2026'
	};
}

const isData = (outcome: Outcome): outcome is Extract<Outcome, { kind: 'data' }> => outcome.kind === 'data';

export const resolvers: Record<string, Resolver> = {
	'/(public)/reset/[token]': {
		owner: 'link holder',
		params: (w) => ({ token: w.ids.resetToken }),
		forged: (w) => ({ token: randomString(w.ids.resetToken.length) }),
		opened: (o) => isData(o) && (o.data as { usable: boolean }).usable,
		refusal: {
			says: 'the page says the link is not usable, the form refuses it (400)',
			test: (o) => (isData(o) && !(o.data as { usable: boolean }).usable) || (o.kind === 'failure' && o.status === 400)
		}
	},
	// A permit's check page is for anyone holding its code (the QR code on the site's door): a forged
	// code learns only that it is no permit.
	'/(public)/verify/[code]': {
		owner: 'link holder',
		params: (w) => ({ code: w.ids.neighbourPermitCode }),
		forged: () => ({ code: randomString(20) }),
		opened: (o) => isData(o) && (o.data as { permit: unknown }).permit !== null,
		refusal: {
			says: 'the page says no permit has this code',
			test: (o) => isData(o) && (o.data as { permit: unknown }).permit === null
		}
	},
	'/s/[token]': {
		owner: 'link holder',
		params: (w) => ({ token: w.ids.evaluationToken }),
		forged: () => ({ token: 'abcdefghijkmnpqrstuvwxyz23' }),
		opened: (o) => isData(o) && (o.data as { link: { status: string } }).link.status === 'open'
	},
	// The public widget: its key is public (the host site's tag); a forged key is nobody's widget.
	// A request's code page is for whoever sent it (its id in the address): a forged id is no request.
	...Object.fromEntries(
		['', '/complaint', '/repair', '/survey', '/track'].map((page) => [
			`/widget/[key]/[lang]${page}`,
			{
				owner: 'link holder',
				params: () => ({ key: DEMO_WIDGET_KEY, lang: 'en' }),
				forged: () => ({ key: 'NoSuchWidgetKey2026', lang: 'en' })
			} satisfies Resolver
		])
	),
	'/widget/[key]/[lang]/code/[id]': {
		owner: 'link holder',
		params: (w) => ({ key: DEMO_WIDGET_KEY, lang: 'en', id: w.ids.widgetRequest }),
		forged: () => ({ key: DEMO_WIDGET_KEY, lang: 'en', id: randomUUID() })
	},
	'/app/bills/[id]': { owner: 'chan', params: (w) => ({ id: w.ids.chanBill }) },
	'/app/company/[companyId]': {
		owner: 'acmeAdmin',
		params: (w) => ({ companyId: w.ids.acme }),
		forms: () => ({ '?/invite': { role: 'member' } })
	},
	// The company's total: its admin's; anyone outside the company gets 404.
	'/app/company/[companyId]/bills': {
		owner: 'acmeAdmin',
		params: (w) => ({ companyId: w.ids.acme })
	},
	'/app/payments/[id]': { owner: 'chan', params: (w) => ({ id: w.ids.chanPayment }) },
	// The neighbour's move-out: the landlord of B-8C and its later renter are not its party.
	'/app/moves/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourMoveOut }) },
	'/app/repairs/[id]': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourRepair }),
		forms: () => ({ '?/quote': { decision: 'accept' } })
	},
	'/app/complaints/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourComplaint }) },
	'/app/services/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourService }) },
	// A visit booked with the neighbour's occupancy: the landlord, a later occupant and other companies get 404.
	'/app/visits/[id]': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourVisit }),
		forms: (w) => ({ '?/confirm': { shown: new Date().toISOString() }, '?/propose': { startsAt: `${w.today}T23:59` } })
	},
	// The office of the visit's estate; a follow-up's owner would open it too (the engineer owns none).
	'/staff/visits/[id]': {
		owner: 'service',
		params: (w) => ({ id: w.ids.neighbourVisit }),
		forms: (w) => ({
			'?/confirm': { shown: new Date().toISOString() },
			'?/accept': { shown: new Date().toISOString() },
			'?/rebook': { startsAt: '2030-01-15T10:00' },
			'?/hold': { opinions: NOTE },
			'?/followUp': { question: NOTE, ownerId: w.people.staff.manager.userId, dueOn: '2030-01-15' },
			'?/answer': { followUpId: randomUUID(), answer: NOTE }
		})
	},
	// Chan as a customer of HVG: customer service grades him; staff of CPT only get 404.
	'/staff/customers/[id]': {
		owner: 'service',
		params: (w) => ({ id: w.ids.chanCustomer }),
		forms: () => ({ '?/override': { grade: 'B' }, '?/lift': { liftReason: NOTE } })
	},
	// Engineering decides after-hours air-conditioning: the engineer is its staff owner.
	'/staff/services/[id]': { owner: 'engineer', params: (w) => ({ id: w.ids.neighbourService }) },
	'/files/complaint/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourComplaintPhoto }) },
	'/staff/complaints/[id]/sheet': { owner: 'service', params: (w) => ({ id: w.ids.neighbourComplaint }) },
	'/staff/complaints/[id]': {
		owner: 'service',
		params: (w) => ({ id: w.ids.neighbourComplaint }),
		forms: (w) => ({
			'?/assign': { department: 'security', dueAt: '2030-01-15T10:00' },
			'?/direct': { department: 'security', dueAt: '2030-01-15T10:00', responsibleId: w.people.staff.security.userId, fixPlan: NOTE },
			'?/reply': { message: NOTE },
			'?/resolve': { resolution: NOTE, signedName: 'Second Actor' },
			'?/malicious': { answer: NOTE },
			'?/callback': { satisfied: 'yes', mode: 'phone' },
			'?/match': { unitId: w.ids.neighbourUnit }
		})
	},
	'/app/repairs/[id]/comment': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourRepair })
	},
	'/app/repairs/[id]/sign-off': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourRepair })
	},
	'/app/renovations/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourRenovation }) },
	'/app/surveys/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourSurveyRecipient }) },
	'/app/notices/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourNotice }) },
	'/files/notice/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourNoticeFile }) },
	'/staff/notices/[id]': { owner: 'service', params: (w) => ({ id: w.ids.neighbourNotice }) },
	// A draft, so that its owner is offered the form (a published notice's page only says it cannot be edited).
	'/staff/notices/[id]/edit': {
		owner: 'service',
		params: (w) => ({ id: w.ids.draftNotice }),
		opened: (o) => isData(o) && (o.data as { editable: boolean }).editable
	},
	'/app/renovations/[id]/documents': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourRenovation }),
		forms: (w) => ({ '?/default': { kind: 'contract', file: w.pdf } })
	},
	'/app/renovations/[id]/sheets/[sheet]': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourRenovation, sheet: w.ids.neighbourRenovationSheet })
	},
	// The resumable upload address: each method (start, ask, send, give up) on the neighbour's application.
	'/app/renovations/[id]/uploads/[[upload]]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourRenovation }) },
	'/files/renovation/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourRenovationDocument }) },
	'/files/renovation-permit/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourPermit }) },
	'/files/renovation-pass/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourPass }) },
	'/app/units/[id]': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourUnit }),
		forms: (w) => ({ '?/removeMember': { id: w.ids.neighbourMember }, '?/removeContact': { id: w.ids.neighbourContact } }),
		shared: {
			actors: ['landlord', 'later occupant'],
			mayDo: ['?/addMember', '?/addContact'],
			secrets: (w) => [SECRET_MEMBER, SECRET_CONTACT, w.ids.neighbourMember, w.ids.neighbourContact]
		}
	},
	// The unit's goods release slips: the landlord and a later occupant may open the page and ask for
	// their own, but never see (or cancel) the neighbour's.
	'/app/units/[id]/releases': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourUnit }),
		forms: (w) => ({ '?/request': { validOn: w.today, items: NOTE }, '?/cancel': { id: w.ids.neighbourSlip } }),
		shared: {
			actors: ['landlord', 'later occupant'],
			mayDo: ['?/request'],
			secrets: (w) => [SECRET_GOODS, w.ids.neighbourSlip, w.ids.neighbourSlipToken]
		}
	},
	// The gate's link (the slip's QR code): security of the slip's estate only; another estate's guard gets 404.
	'/staff/gate/[token]': { owner: 'security', params: (w) => ({ token: w.ids.neighbourSlipToken }) },
	// The resident's part of the unit's file: the landlord and a later occupant see their own part, never the renter's.
	'/app/units/[id]/file': {
		owner: 'neighbour',
		params: (w) => ({ id: w.ids.neighbourUnit }),
		shared: {
			actors: ['landlord', 'later occupant'],
			mayDo: [],
			secrets: (w) => [SECRET_MEMBER, SECRET_CONTACT, w.ids.neighbourMember, w.ids.neighbourContact]
		}
	},
	'/files/receipt/[id]': { owner: 'chan', params: (w) => ({ id: w.ids.chanReceipt }) },
	'/files/credit-note/[id]': { owner: 'chan', params: (w) => ({ id: w.ids.chanCreditNote }) },
	'/files/repair/[id]': { owner: 'neighbour', params: (w) => ({ id: w.ids.neighbourPhoto }) },
	'/pay/sandbox/[ref]': { owner: 'chan', params: (w) => ({ ref: w.ids.chanCheckoutRef }) },
	'/staff/admin/outbox/[id]': { owner: 'admin', params: (w) => ({ id: w.ids.outboxMessage }) },
	'/staff/admin/staff/[id]': { owner: 'admin', params: (w) => ({ id: w.ids.engineer2 }) },
	// A segment is every estate's; its members are read within the reader's estates: another estate's
	// staff open it (and may change it) but see none of the owner's estate's customers.
	'/staff/customers/segments/[id]': {
		owner: 'service',
		params: (w) => ({ id: w.ids.segment }),
		opened: (outcome) => JSON.stringify(outcome.kind === 'data' ? outcome.data : '').includes(demoResident.name),
		shared: { actors: ['other-estate staff'], mayDo: ['?/save', '?/archive', '?/restore'], secrets: () => [demoResident.name] }
	},
	'/staff/customers/segments/[id]/export': {
		owner: 'service',
		params: (w) => ({ id: w.ids.segment }),
		shared: { actors: ['other-estate staff'], mayDo: [], secrets: () => [demoResident.name] }
	},
	'/staff/admin/survey-templates/[id]': { owner: 'admin', params: (w) => ({ id: w.ids.surveyTemplate }) },
	'/staff/admin/survey-templates/[id]/preview': { owner: 'admin', params: (w) => ({ id: w.ids.surveyTemplate }) },
	// The widget's settings of the manager's estate: another estate's manager gets 404, other roles 403.
	'/staff/admin/widget/[estateId]': {
		owner: 'manager',
		params: (w) => ({ estateId: w.ids.hvg }),
		forms: () => ({
			'?/save': { enabled: 'on', allowedOrigins: 'https://www.example.com', actions: ['repair'], accentColour: '#0b5cad' },
			'?/rotate': { confirm: 'on' }
		})
	},
	'/staff/callbacks/[id]': { owner: 'service', params: (w) => ({ id: w.ids.chanCallback }) },
	'/staff/callbacks/[id]/signature': { owner: 'service', params: (w) => ({ id: w.ids.signedCallback }) },
	'/staff/fees/refunds/[id]': { owner: 'finance', params: (w) => ({ id: w.ids.chanRefund }) },
	// A move-out of the neighbour's: the desk's case; another estate's staff get 404.
	'/staff/moves/[id]': { owner: 'service', params: (w) => ({ id: w.ids.neighbourMoveOut }) },
	// A bill correction: the decision is the manager's, the reissue the desk's; both check the estate.
	'/staff/fees/corrections/[id]': {
		owner: 'finance',
		params: (w) => ({ id: w.ids.chanCorrection }),
		forms: () => ({ '?/reissue': { quantity: ['1'], unitPrice: ['1.00'] } })
	},
	'/staff/fees/units/[unitId]': { owner: 'finance', params: (w) => ({ unitId: w.ids.chanUnit }) },
	'/staff/fees/bills/[id]': { owner: 'finance', params: (w) => ({ id: w.ids.chanBill }) },
	'/staff/registry/estates/[id]': { owner: 'service', params: (w) => ({ id: w.ids.hvg }) },
	// A customer's profile (rule 11): customer service of the customer's estate; the form names the party.
	'/staff/customers/[id]/profile': {
		owner: 'service',
		params: (w) => ({ id: w.ids.chanCustomer }),
		forms: (w) => ({ '?/profile': { party: `user:${w.people.chan.userId}`, typeId: '', licenceNo: '', licenceExpiresOn: '' } })
	},
	// A resident's phone and email as the office corrects them: staff of an estate where the resident holds a unit.
	'/staff/registry/people/[id]': {
		owner: 'service',
		params: (w) => ({ id: w.people.neighbour.userId })
	},
	'/staff/registry/units/[id]': {
		owner: 'service',
		params: (w) => ({ id: w.ids.neighbourUnit }),
		forms: (w) => ({ '?/removeMember': { id: w.ids.registryMember }, '?/removeContact': { id: w.ids.registryContact } })
	},
	// The unit's file (一戶一檔): customer service opens it; an engineer without a grant gets the page
	// offering to ask, never the file (archive/access.ts); another estate's staff a 404.
	'/staff/registry/units/[id]/archive': {
		owner: 'service',
		params: (w) => ({ id: w.ids.neighbourUnit }),
		refusal: {
			says: 'the page offering to ask for access, without the file',
			test: (o) => o.kind === 'data' && (o.data as { access?: { by?: string } }).access?.by === 'none' && !('file' in (o.data as object))
		}
	},
	'/staff/registry/units/[id]/archive/[occupancyId]/index.pdf': {
		owner: 'service',
		params: (w) => ({ id: w.ids.neighbourUnit, occupancyId: w.ids.neighbourOccupancy })
	},
	// A document filed with an entry: POST only (a logged read), so only the refusals are tried.
	'/staff/registry/units/[id]/archive/entries/[entryId]': {
		owner: 'service',
		params: (w) => ({ id: w.ids.neighbourUnit, entryId: '1' })
	},
	'/staff/repairs/[id]': {
		owner: 'service',
		params: (w) => ({ id: w.ids.neighbourRepair }),
		forms: (w) => ({ '?/match': { unitId: w.ids.neighbourUnit } })
	},
	'/staff/repairs/[id]/sheet': { owner: 'service', params: (w) => ({ id: w.ids.neighbourRepair }) },
	'/staff/surveys/[id]': { owner: 'manager', params: (w) => ({ id: w.ids.survey }) },
	'/staff/surveys/[id]/results': { owner: 'manager', params: (w) => ({ id: w.ids.openSurvey }) },
	'/staff/surveys/[id]/export': { owner: 'manager', params: (w) => ({ id: w.ids.openSurvey }) },
	'/staff/surveys/[id]/report': { owner: 'manager', params: (w) => ({ id: w.ids.openSurvey }) },
	'/staff/surveys/[id]/letters/[building]': {
		owner: 'manager',
		params: (w) => ({ id: w.ids.openSurvey, building: w.ids.neighbourBuilding }),
		forms: () => ({ POST: { who: 'unanswered' } })
	},
	'/staff/surveys/[id]/questions': { owner: 'manager', params: (w) => ({ id: w.ids.survey }) },
	'/staff/surveys/[id]/preview': { owner: 'manager', params: (w) => ({ id: w.ids.survey }) },
	'/staff/renovations/[id]': { owner: 'service', params: (w) => ({ id: w.ids.neighbourRenovation }) },
	'/staff/renovations/[id]/sheets/[sheet]': {
		owner: 'engineer',
		params: (w) => ({ id: w.ids.neighbourRenovation, sheet: w.ids.neighbourRenovationSheet })
	}
};

/** Routes with a parameter that names no record anyone owns, and why they are not tried. */
export const notRecords: Record<string, string> = {
	'/api/payments/webhook/[provider]': 'names a payment provider; a webhook is trusted by its signature alone (payments tests)'
};

/** Staff tried in this order; the first whom the route table refuses is the unpermitted one. */
const staffOrder: DemoStaff[] = ['security', 'finance', 'engineer', 'service', 'lead', 'manager', 'admin'];

/**
 * Outside /staff no route table names who may not: security reads renovation applications (for the
 * fire-safety review), so their files are tried with finance, who does not.
 */
const unpermittedOutsideStaffRoutes: Record<string, DemoStaff> = {
	'/files/renovation/[id]': 'finance',
	'/files/renovation-permit/[id]': 'finance',
	'/files/renovation-pass/[id]': 'finance'
};

/**
 * Staff routes every department may open, whose records are scoped further: a complaint reaches a
 * department only once it is passed to it, so the engineer (whose department has not been given the
 * neighbour's complaint) is the one who must not reach it.
 */
const scopedByRecord: Record<string, DemoStaff> = {
	// Every department may open a unit's file page; outside customer service only by a grant the engineer does not hold.
	'/staff/registry/units/[id]/archive': 'engineer',
	'/staff/registry/units/[id]/archive/[occupancyId]/index.pdf': 'engineer',
	'/staff/registry/units/[id]/archive/entries/[entryId]': 'engineer',
	'/staff/complaints/[id]': 'engineer',
	'/staff/complaints/[id]/sheet': 'engineer',
	// Every department opens the service queue; security does not approve air-conditioning.
	'/staff/services/[id]': 'security',
	// Any staff member opens a visit it owns a follow-up of; the engineer owns none of the neighbour's.
	'/staff/visits/[id]': 'engineer'
};

/**
 * The staff member without what the route needs: from the back-office route table for /staff
 * routes; for the rest, security (who reads the registry only: no case, bill or payment).
 */
export function unpermittedStaff(route: string): DemoStaff {
	const scoped = scopedByRecord[route];
	if (scoped) return scoped;
	if (!isStaffRoute(route)) return unpermittedOutsideStaffRoutes[route] ?? 'security';
	const who = staffOrder.find((key) => !mayOpenStaffRoute(demoStaffActorShape(key), route));
	if (!who) throw new Error(`every demo staff member may open ${route}: no unpermitted staff to try`);
	return who;
}

/** A demo staff member's roles (from the demo data), as the route table needs them, without a database. */
function demoStaffActorShape(key: DemoStaff): Actor {
	const member = demoStaff.find((s) => s.email === demoStaffEmails[key]);
	if (!member) throw new Error(`no demo staff ${demoStaffEmails[key]}`);
	return {
		userId: '',
		sessionId: null,
		name: member.name,
		email: member.email,
		kind: 'staff',
		locale: null,
		roles: new Set([member.role]),
		estateIds: null,
		companies: []
	};
}

/** One search as its owner would type it, and what it must find. */
export interface TypedSearch {
	says: string;
	query(w: World): Record<string, string>;
	/** Ids the owner's answer shows; nobody else's answer may. */
	finds(w: World): string[];
	/** Staff who may open the page but not the records it finds (their permissions leave them out). */
	unpermitted?: DemoStaff;
}

/**
 * Routes that name records by what is typed into them (a search's query) rather than by their
 * path: each search is tried by its owner, who finds the records, and by every second actor, who is
 * refused or answered without them.
 */
export const searchRoutes: Record<string, { owner: Owner; searches: TypedSearch[] }> = {
	'/staff/find': {
		owner: 'service',
		searches: [
			{ says: "Chan's phone", query: (w) => ({ q: w.typed.chanPhone }), finds: (w) => [w.ids.chanUnit] },
			{
				says: "the neighbour's repair reference",
				query: (w) => ({ q: w.typed.neighbourRepairReference }),
				finds: (w) => [w.ids.neighbourRepair],
				unpermitted: 'finance'
			},
			{
				says: "Chan's bill reference",
				query: (w) => ({ q: w.typed.chanBillReference }),
				finds: (w) => [w.ids.chanUnit],
				unpermitted: 'security'
			}
		]
	}
};
