/**
 * The one table of who may do what. Every service checks it on the server; layouts only
 * redirect. Resident-side roles are derived from data (occupancies, company membership).
 */
export const staffRoleNames = [
	'customer_service',
	'engineering',
	'engineering_supervisor',
	'security',
	'finance',
	'manager',
	'admin'
] as const;
export type StaffRole = (typeof staffRoleNames)[number];
export type Role = StaffRole | 'resident' | 'company_admin' | 'company_member' | 'contractor';

export const permissions = {
	// Finance works from unit accounts and bills (its own views), not from the occupant registry.
	'registry.read': ['customer_service', 'engineering', 'engineering_supervisor', 'security', 'manager', 'admin'],
	'registry.write': ['customer_service', 'manager', 'admin'],
	'registry.import': ['manager', 'admin'],
	/** Adding estates and buildings (the shape of the registry), not units. */
	'registry.structure': ['manager', 'admin'],
	'invitations.issue': ['customer_service', 'manager', 'admin'],
	'residents.create': ['customer_service', 'manager', 'admin'],
	'staff.manage': ['admin'],
	'outbox.read': ['admin'],
	'audit.read': ['manager', 'admin'],
	'dictionaries.manage': ['manager', 'admin'],
	'company.invite': ['company_admin'],
	/** Paying the open bills of several of the company's units in one checkout (the company's total). */
	'company.pay': ['company_admin'],
	'appointments.manage': ['customer_service', 'engineering', 'engineering_supervisor', 'manager', 'admin'],
	/** Seeing repair orders of the actor's estates (technicians see their own only: repairs/access.ts). */
	'repairs.read': ['customer_service', 'engineering', 'engineering_supervisor', 'manager', 'admin'],
	/** 首問 intake: entering requests, claiming, hand-over, promising a reply, assigning. */
	'repairs.intake': ['customer_service', 'manager', 'admin'],
	/** Working an order on site: received, on site, materials, after-photos, quotes, done. */
	'repairs.work': ['engineering', 'engineering_supervisor'],
	/** Reviewing paid-service quotes and assigning within engineering. */
	'repairs.supervise': ['engineering_supervisor', 'manager'],
	'repairs.teams': ['engineering_supervisor', 'manager', 'admin'],
	/** Doing repair callbacks (回訪) and issuing rectification notices. */
	'callbacks.do': ['customer_service', 'engineering_supervisor', 'manager'],
	'repairs.stats': ['customer_service', 'engineering_supervisor', 'manager', 'admin'],
	/** Fee items, prices, meter readings and billing runs. */
	'fees.manage': ['finance', 'manager', 'admin'],
	/** Reading units' accounts, bills and arrears. */
	'fees.read': ['finance', 'customer_service', 'manager', 'admin'],
	/** Recording counter payments (cash, bank transfer, POS). */
	'payments.counter': ['finance'],
	/** Approving deposit refunds above the threshold. */
	'refunds.approve': ['manager'],
	/** Approving bill corrections (void, credit note, lower line, write-off) above the threshold (fees/approval.ts). */
	'corrections.approve': ['manager'],
	/** Reading refund requests: finance and customer service, the approvers, and the counter that pays them out. */
	'refunds.read': ['finance', 'customer_service', 'manager', 'admin'],
	/** Seeing move-ins and move-outs (入伙 / 遷出) of the actor's estates: the departments, not the system admin. */
	'moves.read': ['customer_service', 'engineering', 'engineering_supervisor', 'security', 'finance', 'manager'],
	/** Customer service's steps of a move: opening it, identity, papers, keys, completing it. */
	'moves.manage': ['customer_service', 'manager'],
	/** The joint inspection: readings, equipment, defects, damages priced (engineering and security). */
	'moves.inspect': ['engineering', 'engineering_supervisor', 'security'],
	/** Settling a move-out's money: the deposit refund minus damages. */
	'moves.settle': ['finance'],
	/** Letting a move-out complete with money owed, on the record. */
	'moves.waive': ['manager'],
	/** Seeing the renovation applications of the actor's estates (二次裝修). */
	'renovations.read': ['customer_service', 'engineering', 'engineering_supervisor', 'security', 'manager', 'admin'],
	/** Customer service's steps: registering, sending papers back, the permit signature, passes, inspections. */
	'renovations.intake': ['customer_service', 'manager'],
	/** Engineering's steps: the drawing review, its signature, inspections (hidden works, completion). */
	'renovations.engineering': ['engineering', 'engineering_supervisor'],
	/** Security's steps: the fire-safety review, its signature, hot-work permits, inspections, revoking a permit. */
	'renovations.security': ['security'],
	/** The property manager's: reinstating a permit, the acceptance. */
	'renovations.accept': ['manager'],
	/** Building, sending and reading the satisfaction survey (顧客滿意度調查), tagging answers, corrective actions. */
	'surveys.manage': ['customer_service', 'manager', 'admin'],
	/** Approving the survey's report on the record (the general manager's, rule 7). */
	'surveys.approve': ['manager'],
	/** Editing the survey templates (questions as data): the admin's. */
	'surveys.templates': ['admin'],
	/** Seeing every complaint of the actor's estates (投訴); departments see those passed to them. */
	'complaints.read': ['customer_service', 'manager', 'admin'],
	/** 首問 at the desk: entering complaints, taking them up, promising replies, passing them on, callbacks. */
	'complaints.intake': ['customer_service', 'manager'],
	/** Directing serious complaints and marking malicious ones: the manager's (rule 4). */
	'complaints.direct': ['manager'],
	/** Working a complaint passed to one's department: replying, recording and signing the result. */
	'complaints.resolve': ['customer_service', 'engineering', 'engineering_supervisor', 'security', 'finance', 'manager'],
	/** Everything past its deadline in the actor's estates, and the figures (deadlines/): whom the sweep escalates to. */
	'deadlines.oversee': ['manager', 'admin'],
	/** Goods release slips (放行單): issuing and refusing residents' requests, issuing one for a unit. */
	'releases.issue': ['customer_service', 'manager'],
	/** The gate: opening a slip by its number or QR code and recording the goods released (保安). */
	'releases.gate': ['security', 'manager'],
	/** Seeing the service applications (服務申請) of the actor's estates passed to its department (service-applications/access.ts). */
	'services.read': ['customer_service', 'engineering', 'engineering_supervisor', 'security', 'finance', 'manager', 'admin'],
	/** Deciding and completing them: only for a kind whose approving department the actor is in, or as a manager. */
	'services.decide': ['customer_service', 'engineering', 'engineering_supervisor', 'security', 'finance', 'manager'],
	/** The public web widget of an estate: switching it on, the host sites, its actions and colour, its key. */
	'widget.configure': ['manager', 'admin'],
	/** Writing, publishing, withdrawing notices (通知 / 公告) of the actor's estates; their read counts and reminders. */
	'notices.manage': ['customer_service', 'manager', 'admin'],
	/** Customer segments (客戶細分): saved filters over customers, their members and exports, and using them as an audience. */
	'customers.segments': ['customer_service', 'manager', 'admin'],
	/** Opening any unit's file (一戶一檔) of the actor's estates, a reason optional: customer service's own records. */
	'archive.read': ['customer_service', 'manager', 'admin'],
	/** Asking to read one unit's file: everyone else reads it only by an approved, time-limited grant. */
	'archive.request': ['engineering', 'engineering_supervisor', 'security', 'finance'],
	/** Approving those requests (查閱經客務部經理批準): the customer-service manager's. */
	'archive.grant': ['manager'],
	/** The log of who read which file, and its export. */
	'archive.reads': ['manager', 'admin'],
	/** Correcting an entry of the file by a new entry that names it (the original stays): the customer-service manager's and the admin's. */
	'archive.correct': ['manager', 'admin'],
	/** Visits to customers (拜訪客戶): the yearly plan, booking, the visit form, follow-ups and their figures. */
	'visits.manage': ['customer_service', 'manager'],
	/** Customers as the office classifies them (rule 11): the list, a customer's grade with its reasons and history. */
	'customers.read': ['customer_service', 'manager', 'admin'],
	/** Overriding a customer's grade with a reason, lifting it, and grading everyone now. */
	'customers.grade': ['customer_service', 'manager'],
	/** The rating rules and grade bands the grades are computed by. */
	'customers.rules': ['manager', 'admin'],
	/** The manager's dashboard: every estate's figures on one page, its export and the monthly report (dashboard/). */
	'dashboard.read': ['manager'],
	/** Key-account data accuracy (rule 11, ≥ 98 %): the figure per estate and the list to fix (customers/accuracy.ts). */
	'customers.accuracy': ['customer_service', 'manager'],
	/** A customer's profile as the office keeps it: type, business licence, contacts confirmed (customers/profile.ts). */
	'customers.profile': ['customer_service', 'manager']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function rolesGrant(roles: Iterable<Role>, permission: Permission): boolean {
	const allowed: readonly Role[] = permissions[permission];
	for (const role of roles) if (allowed.includes(role)) return true;
	return false;
}
