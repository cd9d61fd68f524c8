/**
 * How long a finished repair waits for the resident's sign-off (one row of repair_signoff_settings,
 * edited by an admin on the dictionaries page): a reminder after remindAfterDays, the system's
 * close after closeAfterDays. A missing row means the defaults (3 and 7 days).
 */
import { sql } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { repairSignoffSettings } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { parseInput } from '../kernel/input-error.ts';
import { signoffSettingsSchema } from '../../schemas/dictionaries.ts';
import { DEFAULT_SIGNOFF_SETTINGS, type SignoffSettings } from '../deadlines/rules.ts';

/** The settings of the row, if there is one: the defaults otherwise. */
export function signoffSettingsFrom(rows: readonly SignoffSettings[]): SignoffSettings {
	const [row] = rows;
	return row ? { remindAfterDays: row.remindAfterDays, closeAfterDays: row.closeAfterDays } : { ...DEFAULT_SIGNOFF_SETTINGS };
}

export async function loadSignoffSettings(executor: Executor = db()): Promise<SignoffSettings> {
	return signoffSettingsFrom(await executor.select().from(repairSignoffSettings).limit(1));
}

/** The row as a scalar subquery (JSON text of an array of at most one), for a statement that reads more (deadlines/overdue.ts). */
export const signoffSettingsJson = sql<string>`(select coalesce(json_agg(s), '[]')::text from (select ${repairSignoffSettings.remindAfterDays} as "remindAfterDays", ${repairSignoffSettings.closeAfterDays} as "closeAfterDays" from ${repairSignoffSettings} limit 1) s)`;

export function signoffSettingsForAdmin(actor: Actor): Promise<SignoffSettings> {
	requireStaff(actor, 'dictionaries.manage');
	return loadSignoffSettings();
}

/** Saves the settings (dictionaries.manage); a close not after the reminder is refused at its field. */
export async function saveSignoffSettings(actor: Actor, raw: unknown, ip?: string): Promise<void> {
	requireStaff(actor, 'dictionaries.manage');
	const after: SignoffSettings = parseInput(signoffSettingsSchema, raw);
	await db().transaction(async (tx) => {
		const before = await loadSignoffSettings(tx);
		await tx
			.insert(repairSignoffSettings)
			.values({ id: true, ...after, updatedBy: actor.userId })
			.onConflictDoUpdate({ target: repairSignoffSettings.id, set: { ...after, updatedBy: actor.userId, updatedAt: new Date() } });
		await recordAudit(tx, {
			actor,
			action: 'dictionary.signoff_settings.update',
			subjectType: 'repair_signoff_settings',
			subjectId: 'default',
			detail: { before, after },
			ip
		});
	});
}
