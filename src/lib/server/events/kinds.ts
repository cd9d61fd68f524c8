/**
 * What events may say, as types: every subject type with the kinds of event it has. A domain
 * lists its kinds in a const table beside its machine (e.g. repairs/event-kinds.ts, with who may
 * read each on a timeline) and adds its subject to EventKinds by declaration merging
 * (`declare module '…/events/kinds.ts' { interface EventKinds { repair: RepairEventKind } }`), so
 * this module imports no domain, recordEvent refuses a misspelt kind, and a labels table keyed by
 * the union is checked complete by the compiler.
 */

/** Who reads an event on a timeline: everyone with access to the case, or staff only. */
export type Audience = 'all' | 'staff';

/** Subject type → its event kinds; each domain adds its own subjects (see above). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface EventKinds {}

export type SubjectType = keyof EventKinds;

/** The subjects audit rows are about (records staff change, not only cases). */
export type AuditSubjectType =
	| SubjectType
	| 'unit'
	| 'estate'
	| 'building'
	| 'user'
	| 'company'
	| 'receipt'
	| 'outbox'
	| 'repair_team'
	| 'repair_kind'
	| 'free_service_item'
	| 'complaint_kind'
	| 'paid_service_item'
	| 'service_application_kind'
	| 'callback_rules'
	| 'repair_signoff_settings'
	| 'renovation_step_limits'
	| 'fee_item'
	| 'fee_settings'
	| 'billing_period'
	| 'meter_readings'
	| 'registry_import'
	| 'appointment_slot'
	| 'holiday'
	| 'visit_plan'
	| 'customer_type'
	| 'rating_rules'
	| 'segment';
