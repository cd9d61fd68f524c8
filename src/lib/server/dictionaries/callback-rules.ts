import { db, type Executor } from '../db/client.ts';
import { callbackRules } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import type { CallbackRulesInput } from '../../schemas/dictionaries.ts';
import {
	DEFAULT_CALLBACK_DAYS,
	callbackDaysFor,
	callbackRuleNames,
	type CallbackDays,
	type CallbackKindFlags
} from './callback-deadline.ts';

/** The configured callback days; a rule without a row falls back to the rule book's value. */
export async function loadCallbackDays(executor: Executor = db()): Promise<CallbackDays> {
	const rows = await executor.select().from(callbackRules);
	const days: CallbackDays = { ...DEFAULT_CALLBACK_DAYS };
	for (const row of rows) {
		if ((callbackRuleNames as readonly string[]).includes(row.rule)) days[row.rule as keyof CallbackDays] = row.days;
	}
	return days;
}

/** Days from completion to the callback deadline for a kind, as configured now. */
export async function callbackDaysForKind(executor: Executor, kind: CallbackKindFlags): Promise<number> {
	return callbackDaysFor(kind, await loadCallbackDays(executor));
}

export function callbackDaysForAdmin(actor: Actor): Promise<CallbackDays> {
	requireStaff(actor, 'dictionaries.manage');
	return loadCallbackDays(db());
}

export async function saveCallbackDays(actor: Actor, input: CallbackRulesInput, ip?: string): Promise<void> {
	requireStaff(actor, 'dictionaries.manage');
	const after: CallbackDays = {
		safety_facility: input.safetyFacilityDays,
		water_leak: input.waterLeakDays,
		default: input.defaultDays
	};
	await db().transaction(async (tx) => {
		const before = await loadCallbackDays(tx);
		for (const rule of callbackRuleNames) {
			await tx
				.insert(callbackRules)
				.values({ rule, days: after[rule] })
				.onConflictDoUpdate({ target: callbackRules.rule, set: { days: after[rule], updatedAt: new Date() } });
		}
		await recordAudit(tx, {
			actor,
			action: 'dictionary.callback_rules.update',
			subjectType: 'callback_rules',
			subjectId: 'callback_rules',
			detail: { before, after },
			ip
		});
	});
}
