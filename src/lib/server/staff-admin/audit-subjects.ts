/**
 * What the audit log knows about the records it lists (audit.ts): for every subject type an event
 * or an audit row may name, the estates it belongs to (in SQL, so the list is scoped and filtered
 * in the query) and how a person refers to it — its reference (R000123, B000042, "Block A 12A"),
 * and its page when the reader may open it. Both tables are keyed by every subject type
 * (events/kinds.ts), so a new subject does not compile until it is described here; a new kind of
 * an existing subject, or a new audit action, needs only its label (components/audit-labels.ts).
 */
import { eq, inArray, sql, type AnyColumn, type SQL, type Table } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
	archiveAccessRequests,
	billCorrections,
	appointmentSlots,
	goodsReleaseSlips,
	visitPlans,
	visits,
	notices,
	bills,
	buildings,
	complaintKinds,
	complaints,
	customers,
	customerTypes,
	estates,
	feeItems,
	moves,
	freeServiceItems,
	outbox,
	paidServiceItems,
	paymentAllocations,
	payments,
	receipts,
	refunds,
	renovationApplications,
	repairKinds,
	repairOrders,
	repairTeams,
	residentCompanies,
	segments,
	serviceApplicationKinds,
	serviceApplications,
	surveyActions,
	surveys,
	surveyTemplates,
	units,
	users
} from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { mayOpenStaffRoute, type StaffRouteId } from '../auth/staff-routes.ts';
import type { AuditActions } from '../events/audit-actions.ts';
import type { AuditSubjectType, EventKinds, SubjectType } from '../events/kinds.ts';
import { isUuid } from '../kernel/ids.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { receiptNumber } from '../receipts/number.ts';
import { repairReference } from '../repairs/notices.ts';
import { complaintReference } from '../complaints/notices.ts';
import {
	billReference,
	correctionReference,
	noticeReference,
	refundReference,
	releaseReference,
	visitReference,
	renovationReference,
	surveyReference
} from '#lib/references.ts';
import { serviceReference } from '../service-applications/access.ts';
import { paymentUnitSql } from '../payments/payment-unit.ts';
import { localText } from '#lib/surveys/definition.ts';
import { businessDate, numericDateTime } from '#lib/time/index.ts';

/** The kinds of change the list is filtered by, in the order the filter offers them. */
export const auditGroups = [
	'repairs',
	'complaints',
	'callbacks',
	'fees',
	'refunds',
	'registry',
	'renovations',
	'surveys',
	'releases',
	'services',
	'visits',
	'customers',
	'notices',
	'admin'
] as const;
export type AuditGroup = (typeof auditGroups)[number];

interface EventGrouping<S extends SubjectType> {
	/** The group of the subject's events… */
	group: AuditGroup;
	/** …but for these kinds. */
	kinds?: Partial<Record<EventKinds[S], AuditGroup>>;
	/** Kinds the list leaves out: a consequence another row already tells (a bill paid by the payment listed). */
	omit?: readonly EventKinds[S][];
}

/** Where each subject's events are listed. */
export const eventGroups: { [S in SubjectType]: EventGrouping<S> } = {
	repair: {
		group: 'repairs',
		// Callbacks (回訪) and rectification notices are recorded on the repair they follow.
		kinds: {
			callback_due: 'callbacks',
			callback_done: 'callbacks',
			callback_reassigned: 'callbacks',
			evaluation_submitted: 'callbacks',
			rectification_issued: 'callbacks',
			rectification_resolved: 'callbacks'
		}
	},
	complaint: { group: 'complaints', kinds: { called_back: 'callbacks' } },
	renovation: { group: 'renovations' },
	unit: { group: 'registry' },
	bill: { group: 'fees', omit: ['pay'] },
	payment: { group: 'fees' },
	refund: { group: 'refunds' },
	survey: { group: 'surveys' },
	survey_action: { group: 'surveys' },
	survey_template: { group: 'surveys' },
	bill_correction: { group: 'fees' },
	move: { group: 'registry' },
	goods_release: { group: 'releases' },
	visit: { group: 'visits' },
	notice: { group: 'notices' },
	service_application: { group: 'services' },
	archive_access: { group: 'registry' },
	customer: { group: 'customers' }
};

/** Where each line of audit actions is listed (an action's code starts with its line's name). */
export const auditActionGroups: Record<keyof AuditActions, AuditGroup> = {
	account: 'admin',
	company: 'admin',
	invitation: 'registry',
	resident: 'registry',
	registry: 'registry',
	staff: 'admin',
	outbox: 'admin',
	repairs: 'repairs',
	dictionary: 'admin',
	appointments: 'admin',
	calendar: 'admin',
	fees: 'fees',
	refund: 'refunds',
	widget: 'admin',
	correction: 'fees',
	bill: 'fees',
	moves: 'registry',
	visits: 'visits',
	customers: 'customers',
	segments: 'customers'
};

// The compiler checks the convention auditActionGroups relies on: every code starts with "<line>.".
type Prefixed = { [K in keyof AuditActions]: AuditActions[K] extends `${K}.${string}` ? true : false }[keyof AuditActions];
const everyCodePrefixed: false extends Prefixed ? never : true = true;
void everyCodePrefixed;

/** The group of one event (null: left out of the list). */
export function eventGroup(subjectType: string, kind: string): AuditGroup | null {
	const grouping = (eventGroups as Record<string, EventGrouping<SubjectType> | undefined>)[subjectType];
	if (!grouping) return 'admin';
	if ((grouping.omit as readonly string[] | undefined)?.includes(kind)) return null;
	return (grouping.kinds as Record<string, AuditGroup> | undefined)?.[kind] ?? grouping.group;
}

/** The group of one audit action, by its line (the code's first part). */
export function auditActionGroup(action: string): AuditGroup {
	const line = action.split('.')[0]!;
	return Object.hasOwn(auditActionGroups, line) ? auditActionGroups[line as keyof AuditActions] : 'admin';
}

/** A subject id as a uuid for an index lookup, or null when it is not one (no cast error). */
const uuidOf = (id: SQL) => sql`(case when ${id} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${id}::uuid end)`;
/** The estate named in the row's own facts (an estate-wide action whose record has no estate column). */
const detailEstate = (detail: SQL) =>
	sql`array(select (${detail}->>'estateId')::uuid where ${detail}->>'estateId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')`;
const noEstate = () => sql`'{}'::uuid[]`;
/** The estate column of the subject's own row. */
const estateColumn = (table: Table & { id: AnyColumn; estateId: AnyColumn }) => (id: SQL) =>
	sql`array(select ${table.estateId} from ${table} where ${table.id} = ${uuidOf(id)})`;

export interface SubjectRef {
	/** How people quote it: R000123, B000042, "Block A 12A", a name; '' when the kind says enough. */
	reference: string;
	/** Its page, when the reader may open it. */
	href: string | null;
	/** More of what it is, in words (the bills a payment paid). */
	extra?: string;
}

interface DescribeContext {
	actor: Actor;
	locale: string;
}

type Describe = (executor: Executor, ids: string[], context: DescribeContext) => Promise<Map<string, SubjectRef>>;

interface SubjectSource {
	/** SQL: the estates (uuid[]) the record belongs to, from its id and the row's facts; empty: no estate (admins read it). */
	estates: (id: SQL, detail: SQL) => SQL;
	/** References for a page of ids (uuid ids only reach the database). */
	describe?: Describe;
}

/** The page, when the reader may open the route (the row itself is already in the reader's estates). */
function link(actor: Actor, route: StaffRouteId, href: string): string | null {
	return mayOpenStaffRoute(actor, route) ? href : null;
}

const uuids = (ids: string[]) => [...new Set(ids.filter(isUuid))];

/** Units as people say them: "Block A 12A". */
async function unitLabels(executor: Executor, ids: string[]): Promise<Map<string, string>> {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: units.id, building: buildings.name, number: units.number })
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.where(inArray(units.id, list));
	return new Map(rows.map((r) => [r.id, `${r.building} ${r.number}`]));
}

function byId<T extends { id: string }>(rows: T[], ref: (row: T) => SubjectRef): Map<string, SubjectRef> {
	return new Map(rows.map((row) => [row.id, ref(row)]));
}

/** A dictionary entry: its name in the reader's language, on the dictionaries page. */
function dictionary(
	table:
		| typeof repairKinds
		| typeof freeServiceItems
		| typeof complaintKinds
		| typeof paidServiceItems
		| typeof serviceApplicationKinds
		| typeof customerTypes
): Describe {
	return async (executor, ids, { actor, locale }) => {
		const list = uuids(ids);
		if (!list.length) return new Map();
		const rows = await executor
			.select({ id: table.id, nameEn: table.nameEn, nameZhHans: table.nameZhHans, nameZhHant: table.nameZhHant })
			.from(table)
			.where(inArray(table.id, list));
		return byId(rows, (r) => ({
			reference: localizedName(r, locale),
			href: link(actor, '/staff/admin/dictionaries', '/staff/admin/dictionaries')
		}));
	};
}

const describeRepairs: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: repairOrders.id, seq: repairOrders.seq })
		.from(repairOrders)
		.where(inArray(repairOrders.id, list));
	return byId(rows, (r) => ({ reference: repairReference(r), href: link(actor, '/staff/repairs/[id]', `/staff/repairs/${r.id}`) }));
};

const describeComplaints: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: complaints.id, seq: complaints.seq }).from(complaints).where(inArray(complaints.id, list));
	return byId(rows, (r) => ({
		reference: complaintReference(r),
		href: link(actor, '/staff/complaints/[id]', `/staff/complaints/${r.id}`)
	}));
};

const describeRenovations: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: renovationApplications.id, seq: renovationApplications.seq })
		.from(renovationApplications)
		.where(inArray(renovationApplications.id, list));
	return byId(rows, (r) => ({
		reference: renovationReference(r.seq),
		href: link(actor, '/staff/renovations/[id]', `/staff/renovations/${r.id}`)
	}));
};

const describeServiceApplications: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: serviceApplications.id, seq: serviceApplications.seq })
		.from(serviceApplications)
		.where(inArray(serviceApplications.id, list));
	return byId(rows, (r) => ({
		reference: serviceReference(r),
		href: link(actor, '/staff/services/[id]', `/staff/services/${r.id}`)
	}));
};

const describeUnits: Describe = async (executor, ids, { actor }) => {
	const labels = await unitLabels(executor, ids);
	return new Map(
		[...labels].map(([id, label]) => [
			id,
			{ reference: label, href: link(actor, '/staff/registry/units/[id]', `/staff/registry/units/${id}`) ?? unitAccount(actor, id) }
		])
	);
};

const unitAccount = (actor: Actor, unitId: string) => link(actor, '/staff/fees/units/[unitId]', `/staff/fees/units/${unitId}`);

const describeBills: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: bills.id, seq: bills.seq, unitId: bills.unitId }).from(bills).where(inArray(bills.id, list));
	return byId(rows, (r) => ({ reference: billReference(r.seq), href: unitAccount(actor, r.unitId) }));
};

/** A bill correction: its reference, linked to its page. */
const describeCorrections: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: billCorrections.id, seq: billCorrections.seq })
		.from(billCorrections)
		.where(inArray(billCorrections.id, list));
	return byId(rows, (r) => ({
		reference: correctionReference(r.seq),
		href: link(actor, '/staff/fees/corrections/[id]', `/staff/fees/corrections/${r.id}`)
	}));
};

/** A payment: the unit whose account it went to, and the bills it paid. */
const describePayments: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const [rows, paid] = await Promise.all([
		// A company's payment has no unit of its own: it is filed under its first bill's (payment-unit.ts).
		executor
			.select({ id: payments.id, unitId: sql<string>`${paymentUnitSql({ id: payments.id, unitId: payments.unitId })}` })
			.from(payments)
			.where(inArray(payments.id, list)),
		executor
			.select({ paymentId: paymentAllocations.paymentId, seq: bills.seq })
			.from(paymentAllocations)
			.innerJoin(bills, eq(bills.id, paymentAllocations.billId))
			.where(inArray(paymentAllocations.paymentId, list))
			.orderBy(bills.seq)
	]);
	const labels = await unitLabels(
		executor,
		rows.map((r) => r.unitId)
	);
	return byId(rows, (r) => ({
		reference: labels.get(r.unitId) ?? '',
		href: unitAccount(actor, r.unitId),
		extra: paid
			.filter((p) => p.paymentId === r.id)
			.map((p) => billReference(p.seq))
			.join(', ')
	}));
};

const describeRefunds: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: refunds.id, seq: refunds.seq }).from(refunds).where(inArray(refunds.id, list));
	return byId(rows, (r) => ({
		reference: refundReference(r.seq),
		href: link(actor, '/staff/fees/refunds/[id]', `/staff/fees/refunds/${r.id}`)
	}));
};

const describeMoves: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: moves.id, unitId: moves.unitId }).from(moves).where(inArray(moves.id, list));
	const labels = await unitLabels(
		executor,
		rows.map((r) => r.unitId)
	);
	return byId(rows, (r) => ({ reference: labels.get(r.unitId) ?? '', href: link(actor, '/staff/moves/[id]', `/staff/moves/${r.id}`) }));
};

/** A goods release slip (放行單): its number, on the desk's list. */
const describeReleases: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: goodsReleaseSlips.id, seq: goodsReleaseSlips.seq })
		.from(goodsReleaseSlips)
		.where(inArray(goodsReleaseSlips.id, list));
	return byId(rows, (r) => ({ reference: releaseReference(r.seq), href: link(actor, '/staff/releases', '/staff/releases') }));
};

/** A visit to a customer (拜訪客戶): its number, on its page. */
const describeVisits: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: visits.id, seq: visits.seq }).from(visits).where(inArray(visits.id, list));
	return byId(rows, (r) => ({ reference: visitReference(r.seq), href: link(actor, '/staff/visits/[id]', `/staff/visits/${r.id}`) }));
};

/** An estate's visit plan of a year: the year, on the plan's page. */
const describeVisitPlans: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: visitPlans.id, year: visitPlans.year, estateId: visitPlans.estateId })
		.from(visitPlans)
		.where(inArray(visitPlans.id, list));
	return byId(rows, (r) => ({
		reference: String(r.year),
		href: link(actor, '/staff/visits', `/staff/visits?estate=${r.estateId}&year=${r.year}`)
	}));
};

const describeNotices: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: notices.id, seq: notices.seq }).from(notices).where(inArray(notices.id, list));
	return byId(rows, (r) => ({ reference: noticeReference(r.seq), href: link(actor, '/staff/notices/[id]', `/staff/notices/${r.id}`) }));
};

const describeSurveys: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: surveys.id, seq: surveys.seq }).from(surveys).where(inArray(surveys.id, list));
	return byId(rows, (r) => ({ reference: surveyReference(r.seq), href: link(actor, '/staff/surveys/[id]', `/staff/surveys/${r.id}`) }));
};

const describeSurveyActions: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: surveyActions.id, title: surveyActions.title })
		.from(surveyActions)
		.where(inArray(surveyActions.id, list));
	return byId(rows, (r) => ({ reference: r.title, href: link(actor, '/staff/surveys/actions', '/staff/surveys/actions') }));
};

const describeTemplates: Describe = async (executor, ids, { actor, locale }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: surveyTemplates.id, title: surveyTemplates.title })
		.from(surveyTemplates)
		.where(inArray(surveyTemplates.id, list));
	return byId(rows, (r) => ({
		reference: localText(r.title, locale),
		href: link(actor, '/staff/admin/survey-templates/[id]', `/staff/admin/survey-templates/${r.id}`)
	}));
};

const describeEstates: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: estates.id, code: estates.code, name: estates.name })
		.from(estates)
		.where(inArray(estates.id, list));
	return byId(rows, (r) => ({ reference: r.name, href: link(actor, '/staff/registry/estates/[id]', `/staff/registry/estates/${r.id}`) }));
};

const describeBuildings: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: buildings.id, name: buildings.name, estateId: buildings.estateId })
		.from(buildings)
		.where(inArray(buildings.id, list));
	return byId(rows, (r) => ({
		reference: r.name,
		href: link(actor, '/staff/registry/estates/[id]', `/staff/registry/estates/${r.estateId}`)
	}));
};

/** An account: its name; a staff member's page for whoever manages staff. */
const describeUsers: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: users.id, name: users.name, kind: users.kind }).from(users).where(inArray(users.id, list));
	return byId(rows, (r) => ({
		reference: r.name,
		href:
			r.kind === 'staff'
				? link(actor, '/staff/admin/staff/[id]', `/staff/admin/staff/${r.id}`)
				: r.kind === 'resident'
					? link(actor, '/staff/registry/people/[id]', `/staff/registry/people/${r.id}`)
					: null
	}));
};

const describeCompanies: Describe = async (executor, ids) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: residentCompanies.id, name: residentCompanies.name })
		.from(residentCompanies)
		.where(inArray(residentCompanies.id, list));
	return byId(rows, (r) => ({ reference: r.name, href: null }));
};

const describeReceipts: Describe = async (executor, ids) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: receipts.id, seq: receipts.seq }).from(receipts).where(inArray(receipts.id, list));
	return byId(rows, (r) => ({ reference: receiptNumber(r.seq), href: null }));
};

const describeOutbox: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: outbox.id, subject: outbox.subject }).from(outbox).where(inArray(outbox.id, list));
	return byId(rows, (r) => ({ reference: r.subject, href: link(actor, '/staff/admin/outbox/[id]', `/staff/admin/outbox/${r.id}`) }));
};

const describeTeams: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: repairTeams.id, name: repairTeams.name }).from(repairTeams).where(inArray(repairTeams.id, list));
	return byId(rows, (r) => ({ reference: r.name, href: link(actor, '/staff/admin/teams', '/staff/admin/teams') }));
};

const describeFeeItems: Describe = async (executor, ids, { actor, locale }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: feeItems.id, nameEn: feeItems.nameEn, nameZhHans: feeItems.nameZhHans, nameZhHant: feeItems.nameZhHant })
		.from(feeItems)
		.where(inArray(feeItems.id, list));
	return byId(rows, (r) => ({ reference: localizedName(r, locale), href: link(actor, '/staff/admin/fees', '/staff/admin/fees') }));
};

/** A deleted slot is gone from its table: its time is read from the slot itself while it exists. */
const describeSlots: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: appointmentSlots.id, startsAt: appointmentSlots.startsAt, timeZone: estates.timeZone })
		.from(appointmentSlots)
		.innerJoin(estates, eq(estates.id, appointmentSlots.estateId))
		.where(inArray(appointmentSlots.id, list));
	return byId(rows, (r) => ({
		reference: numericDateTime(r.startsAt, r.timeZone),
		href: link(actor, '/staff/appointments', '/staff/appointments')
	}));
};

/** A request to read a unit's file: the unit, on the approval queue. */
const describeAccessRequests: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: archiveAccessRequests.id, unitId: archiveAccessRequests.unitId })
		.from(archiveAccessRequests)
		.where(inArray(archiveAccessRequests.id, list));
	const labels = await unitLabels(
		executor,
		rows.map((r) => r.unitId)
	);
	return byId(rows, (r) => ({
		reference: labels.get(r.unitId) ?? '',
		href: link(actor, '/staff/archive/requests', '/staff/archive/requests')
	}));
};

/** A customer (rule 11): its name, on its page. */
const describeCustomers: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor
		.select({ id: customers.id, name: sql<string>`coalesce(${residentCompanies.name}, ${users.name}, '')` })
		.from(customers)
		.leftJoin(residentCompanies, eq(residentCompanies.id, customers.companyId))
		.leftJoin(users, eq(users.id, customers.userId))
		.where(inArray(customers.id, list));
	return byId(rows, (r) => ({ reference: r.name, href: link(actor, '/staff/customers/[id]', `/staff/customers/${r.id}`) }));
};

/** A record named by its own id text (a billing month, a holiday's date, a file name). */
const ownId =
	(show: (id: string) => string, route?: StaffRouteId): Describe =>
	async (_executor, ids, { actor }) =>
		new Map(ids.map((id) => [id, { reference: show(id), href: route ? link(actor, route, route) : null }]));

/** A customer segment: its name, on its page. */
const describeSegments: Describe = async (executor, ids, { actor }) => {
	const list = uuids(ids);
	if (!list.length) return new Map();
	const rows = await executor.select({ id: segments.id, name: segments.name }).from(segments).where(inArray(segments.id, list));
	return byId(rows, (r) => ({
		reference: r.name,
		href: link(actor, '/staff/customers/segments/[id]', `/staff/customers/segments/${r.id}`)
	}));
};

const isDate = (id: string) => /^\d{4}-\d{2}-\d{2}$/.test(id);

/** Every subject type: its estates and its reference. */
export const auditSubjects: Record<AuditSubjectType, SubjectSource> = {
	repair: { estates: estateColumn(repairOrders), describe: describeRepairs },
	complaint: { estates: estateColumn(complaints), describe: describeComplaints },
	renovation: { estates: estateColumn(renovationApplications), describe: describeRenovations },
	unit: { estates: estateColumn(units), describe: describeUnits },
	bill: { estates: estateColumn(bills), describe: describeBills },
	payment: {
		estates: (id) =>
			sql`array(select u.estate_id from payments p join units u on u.id = ${paymentUnitSql({ id: sql`p.id`, unitId: sql`p.unit_id` })} where p.id = ${uuidOf(id)})`,
		describe: describePayments
	},
	refund: { estates: estateColumn(refunds), describe: describeRefunds },
	move: { estates: estateColumn(moves), describe: describeMoves },
	// A survey may go to several estates: it is theirs together (surveys/access.ts).
	survey: {
		estates: (id) => sql`array(select jsonb_array_elements_text(s.audience->'estateIds')::uuid from surveys s where s.id = ${uuidOf(id)})`,
		describe: describeSurveys
	},
	survey_action: { estates: estateColumn(surveyActions), describe: describeSurveyActions },
	survey_template: { estates: noEstate, describe: describeTemplates },
	estate: { estates: (id) => sql`array(select id from estates where id = ${uuidOf(id)})`, describe: describeEstates },
	building: { estates: estateColumn(buildings), describe: describeBuildings },
	user: { estates: noEstate, describe: describeUsers },
	company: { estates: noEstate, describe: describeCompanies },
	receipt: {
		estates: (id) =>
			sql`array(select u.estate_id from receipts r join payments p on p.id = r.payment_id join units u on u.id = ${paymentUnitSql({ id: sql`p.id`, unitId: sql`p.unit_id` })} where r.id = ${uuidOf(id)})`,
		describe: describeReceipts
	},
	outbox: { estates: noEstate, describe: describeOutbox },
	repair_team: { estates: estateColumn(repairTeams), describe: describeTeams },
	repair_kind: { estates: noEstate, describe: dictionary(repairKinds) },
	free_service_item: { estates: noEstate, describe: dictionary(freeServiceItems) },
	complaint_kind: { estates: noEstate, describe: dictionary(complaintKinds) },
	service_application: { estates: estateColumn(serviceApplications), describe: describeServiceApplications },
	service_application_kind: { estates: noEstate, describe: dictionary(serviceApplicationKinds) },
	paid_service_item: { estates: noEstate, describe: dictionary(paidServiceItems) },
	callback_rules: { estates: noEstate },
	repair_signoff_settings: { estates: noEstate },
	bill_correction: { estates: estateColumn(billCorrections), describe: describeCorrections },
	goods_release: { estates: estateColumn(goodsReleaseSlips), describe: describeReleases },
	visit: { estates: estateColumn(visits), describe: describeVisits },
	visit_plan: { estates: estateColumn(visitPlans), describe: describeVisitPlans },
	notice: { estates: estateColumn(notices), describe: describeNotices },
	archive_access: { estates: estateColumn(archiveAccessRequests), describe: describeAccessRequests },
	renovation_step_limits: { estates: noEstate },
	// An item is every estate's; its prices are one estate's (the row says which).
	fee_item: { estates: (_id, detail) => detailEstate(detail), describe: describeFeeItems },
	fee_settings: { estates: noEstate },
	billing_period: { estates: (_id, detail) => detailEstate(detail), describe: ownId((id) => id, '/staff/fees/billing') },
	meter_readings: { estates: noEstate, describe: ownId((id) => id, '/staff/fees/readings') },
	registry_import: { estates: noEstate },
	appointment_slot: { estates: (_id, detail) => detailEstate(detail), describe: describeSlots },
	holiday: { estates: noEstate, describe: ownId((id) => (isDate(id) ? businessDate(id) : id)) },
	// A customer is the estates' whose units it has held.
	customer: {
		estates: (id) =>
			sql`array(select distinct u.estate_id from customers c join occupancies o on o.user_id = c.user_id or o.company_id = c.company_id join units u on u.id = o.unit_id where c.id = ${uuidOf(id)})`,
		describe: describeCustomers
	},
	customer_type: { estates: noEstate, describe: dictionary(customerTypes) },
	rating_rules: { estates: noEstate, describe: ownId(() => '', '/staff/admin/rating-rules') },
	// A segment is every estate's: its members are scoped when read, not the segment.
	segment: { estates: noEstate, describe: describeSegments }
};

/**
 * SQL: the estates of a row of the given subject type — a CASE over the types it may hold (events:
 * the event subjects; audit rows: all), unknown types: none.
 */
export function subjectEstates(subjectType: SQL, subjectId: SQL, detail: SQL, types: readonly string[] = Object.keys(auditSubjects)): SQL {
	const branches = types
		.filter((type) => Object.hasOwn(auditSubjects, type))
		.map((type) => sql`when ${sql.raw(`'${type}'`)} then ${auditSubjects[type as AuditSubjectType].estates(subjectId, detail)}`);
	return sql`(case ${subjectType} ${sql.join(branches, sql` `)} else '{}'::uuid[] end)`;
}

/** References for the rows of one page, per subject type; a record gone or unknown has none. */
export async function describeSubjects(
	executor: Executor,
	rows: readonly { subjectType: string; subjectId: string }[],
	context: DescribeContext
): Promise<(row: { subjectType: string; subjectId: string }) => SubjectRef | null> {
	const byType = new Map<string, string[]>();
	for (const row of rows) byType.set(row.subjectType, [...(byType.get(row.subjectType) ?? []), row.subjectId]);
	const found = new Map<string, Map<string, SubjectRef>>();
	await Promise.all(
		[...byType].map(async ([type, ids]) => {
			const describe = Object.hasOwn(auditSubjects, type) ? auditSubjects[type as AuditSubjectType].describe : undefined;
			if (describe) found.set(type, await describe(executor, [...new Set(ids)], context));
		})
	);
	return (row) => found.get(row.subjectType)?.get(row.subjectId) ?? null;
}
