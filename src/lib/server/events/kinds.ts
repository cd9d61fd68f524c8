/**
 * What events and audit rows may say, as types: every subject type with the kinds of event it
 * has. A domain lists its kinds in a const table beside its machine (e.g. repairs/event-kinds.ts,
 * with who may read each on a timeline) and names the union here, so recordEvent refuses a
 * misspelt kind and a labels table keyed by the union is checked complete by the compiler.
 */

import type { RepairEventKind } from '../repairs/event-kinds.ts';
import type { BillEventKind } from '../fees/bill-machine.ts';
import type { RefundEventKind } from '../fees/refund-machine.ts';
import type { PaymentEventKind } from '../payments/machine.ts';
import type { UnitEventKind } from '../property/unit-events.ts';

/** Who reads an event on a timeline: everyone with access to the case, or staff only. */
export type Audience = 'all' | 'staff';

/**
 * Subject type → its event kinds. `string` marks a subject whose kinds are not listed yet.
 * One line per subject (domains edit their own line).
 */
export interface EventKinds {
	repair: RepairEventKind;
	refund: RefundEventKind;
	payment: PaymentEventKind;
	bill: BillEventKind;
	unit: UnitEventKind;
	/** Callbacks and rectification notices record on their repair's timeline (repairs/event-kinds.ts). */
	callback: never;
	rectification: never;
	test: string;
}

export type SubjectType = keyof EventKinds;
export type EventKind<S extends SubjectType = SubjectType> = EventKinds[S];

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
	| 'paid_service_item'
	| 'callback_rules'
	| 'fee_item'
	| 'fee_settings'
	| 'billing_period'
	| 'meter_readings'
	| 'registry_import'
	| 'appointment_slot'
	| 'holiday';
