/**
 * Finance settings kept as data (one row of fee_settings): the currency of new bills, the days a
 * bill is due after issue, the arrears reminder schedule (days after the due date), and the refund
 * and bill-correction amounts above which a manager approves (approval.ts). A missing row means the
 * defaults.
 */
import { db, type Executor } from '../db/client.ts';
import { feeSettings as feeSettingsTable } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';

export interface FeeSettings {
	currency: string;
	dueDays: number;
	/** Days after the due date a reminder goes out, ascending. */
	reminderDays: number[];
	/** A refund paying out more than this (minor units) needs a manager's approval. */
	refundApprovalMinor: number;
	/** A bill correction taking off more than this (minor units) needs a manager's approval (corrections.ts). */
	correctionApprovalMinor: number;
}

export const DEFAULT_FEE_SETTINGS: Readonly<FeeSettings> = Object.freeze({
	currency: 'CNY',
	dueDays: 15,
	reminderDays: [3, 15, 30],
	refundApprovalMinor: 100_000,
	correctionApprovalMinor: 100_000
});

const MAX_REMINDER_STEPS = 10;
const MAX_REMINDER_DAY = 365;

export async function feeSettings(executor: Executor = db()): Promise<FeeSettings> {
	const [row] = await executor.select().from(feeSettingsTable).limit(1);
	if (!row) return { ...DEFAULT_FEE_SETTINGS, reminderDays: [...DEFAULT_FEE_SETTINGS.reminderDays] };
	return {
		currency: row.currency,
		dueDays: row.dueDays,
		reminderDays: normaliseReminderDays(row.reminderDays),
		refundApprovalMinor: row.refundApprovalMinor,
		correctionApprovalMinor: row.correctionApprovalMinor
	};
}

/** Sorted, without repeats. */
function normaliseReminderDays(days: readonly number[]): number[] {
	return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * Saves the settings (fees.manage). The form validates what a person typed (messages at the
 * field); this re-checks the invariants and throws a RangeError for anything that slipped past.
 */
export async function saveFeeSettings(actor: Actor, input: FeeSettings): Promise<void> {
	requireStaff(actor, 'fees.manage');
	const reminderDays = normaliseReminderDays(input.reminderDays);
	if (!/^[A-Z]{3}$/.test(input.currency)) throw new RangeError(`Not an ISO 4217 currency code: '${input.currency}'.`);
	if (!Number.isInteger(input.dueDays) || input.dueDays < 1 || input.dueDays > 120) throw new RangeError('dueDays must be 1–120.');
	if (reminderDays.length > MAX_REMINDER_STEPS || reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d > MAX_REMINDER_DAY)) {
		throw new RangeError(`reminderDays must be at most ${MAX_REMINDER_STEPS} whole days of 1–${MAX_REMINDER_DAY}.`);
	}
	for (const threshold of [input.refundApprovalMinor, input.correctionApprovalMinor]) {
		if (!Number.isSafeInteger(threshold) || threshold < 0 || threshold > 2_147_483_647)
			throw new RangeError('An approval threshold must be 0 or more whole minor units.');
	}
	const values = {
		currency: input.currency,
		dueDays: input.dueDays,
		reminderDays,
		refundApprovalMinor: input.refundApprovalMinor,
		correctionApprovalMinor: input.correctionApprovalMinor
	};
	await db().transaction(async (tx) => {
		await tx
			.insert(feeSettingsTable)
			.values({ id: true, ...values, updatedBy: actor.userId })
			.onConflictDoUpdate({ target: feeSettingsTable.id, set: { ...values, updatedBy: actor.userId, updatedAt: new Date() } });
		await recordAudit(tx, { actor, action: 'fees.settings', subjectType: 'fee_settings', subjectId: 'default', detail: { ...values } });
	});
}
