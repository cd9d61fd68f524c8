import { beforeAll, describe, expect, it } from 'vitest';
import { count, desc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, callbackRules, freeServiceItems, paidServiceItems, repairKinds } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import * as route from '../../../routes/staff/admin/dictionaries/+page.server.ts';
import { actorFor, makeStaff } from '../residents/test-fixtures.ts';
import { DEFAULT_REPAIR_KINDS, ensureDefaultDictionaries } from './defaults.ts';
import { listRepairKinds, repairKindName } from './repair-kinds.ts';
import { callbackDaysForKind, loadCallbackDays } from './callback-rules.ts';
import { listFreeServiceItems, listPaidServiceItems } from './service-items.ts';
import { listComplaintKinds } from './complaint-kinds.ts';

type Failed = { status: number; data: { form: { valid: boolean; errors: Record<string, string[] | undefined> } } };

let admin: Actor;
let manager: Actor;
let engineer: Actor;

const newKind = {
	id: '',
	code: 'gas',
	nameEn: 'Gas supply',
	nameZhHans: '煤气',
	nameZhHant: '煤氣',
	category: 'safety',
	isSafetyFacility: 'on',
	responseMinutes: '30',
	completionMinutes: '240',
	active: 'on',
	sort: '5'
};

async function kindByCode(code: string) {
	const [kind] = await db().select().from(repairKinds).where(eq(repairKinds.code, code));
	return kind;
}

async function auditFor(subjectId: string) {
	return db().select().from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(desc(auditLog.id));
}

async function tableCounts() {
	const [[k], [f], [p], [a]] = await Promise.all([
		db().select({ n: count() }).from(repairKinds),
		db().select({ n: count() }).from(freeServiceItems),
		db().select({ n: count() }).from(paidServiceItems),
		db().select({ n: count() }).from(auditLog)
	]);
	return { kinds: k!.n, free: f!.n, paid: p!.n, audit: a!.n };
}

beforeAll(async () => {
	await ensureDefaultDictionaries(db());
	admin = await actorFor((await makeStaff('Ada Admin', ['admin'])).id);
	manager = await actorFor((await makeStaff('Max Manager', ['manager'])).id);
	engineer = await actorFor((await makeStaff('Eng Eddie', ['engineering', 'customer_service'])).id);
});

describe('default dictionaries', () => {
	it('seeds the repair kinds, callback rules and service lists once', async () => {
		const kinds = await listRepairKinds();
		expect(kinds.map((k) => k.code)).toEqual(DEFAULT_REPAIR_KINDS.map((k) => k.code));
		expect(
			kinds
				.filter((k) => k.isSafetyFacility)
				.map((k) => k.code)
				.sort()
		).toEqual(['fire_safety', 'lift']);
		expect(kinds.filter((k) => k.isWaterLeak).map((k) => k.code)).toEqual(['water_leak']);
		expect(await loadCallbackDays()).toEqual({ safety_facility: 2, water_leak: 3, default: 7 });
		const before = await tableCounts();
		expect(before.free).toBeGreaterThan(0);
		expect(before.paid).toBeGreaterThan(0);

		await ensureDefaultDictionaries(db());
		expect(await tableCounts()).toEqual(before);
	});

	it('does not add back entries an admin removed', async () => {
		await db().delete(repairKinds).where(eq(repairKinds.code, 'window'));
		await db().delete(freeServiceItems).where(eq(freeServiceItems.code, 'replace_bulb'));
		await db().delete(paidServiceItems).where(eq(paidServiceItems.code, 'replace_tap'));
		const before = await tableCounts();

		await ensureDefaultDictionaries(db());

		expect(await tableCounts()).toEqual(before);
		expect(await kindByCode('window')).toBeUndefined();
	});

	it('names a kind in the reader’s language', async () => {
		const lift = (await kindByCode('lift'))!;
		expect(repairKindName(lift, 'zh-Hant')).toBe('升降機');
		expect(repairKindName(lift, 'zh-Hans')).toBe('电梯');
		expect(repairKindName(lift, 'en')).toBe('Lift');
	});
});

describe('callback deadlines', () => {
	it('follows the kind’s flags and the configured days', async () => {
		expect(await callbackDaysForKind(db(), (await kindByCode('lift'))!)).toBe(2);
		expect(await callbackDaysForKind(db(), (await kindByCode('water_leak'))!)).toBe(3);
		expect(await callbackDaysForKind(db(), (await kindByCode('door_lock'))!)).toBe(7);
	});

	it('lets an admin change the days, audited; bad days are refused at the field', async () => {
		const bad = (await route.actions.saveCallbacks(
			fakeEvent({ actor: admin, form: { safetyFacilityDays: '0', waterLeakDays: '3', defaultDays: '61' } })
		)) as unknown as Failed;
		expect(bad.status).toBe(400);
		expect(bad.data.form.errors.safetyFacilityDays).toBeDefined();
		expect(bad.data.form.errors.defaultDays).toBeDefined();
		expect(bad.data.form.errors.waterLeakDays).toBeUndefined();
		expect(await loadCallbackDays()).toEqual({ safety_facility: 2, water_leak: 3, default: 7 });

		const saved = await thrown(() =>
			route.actions.saveCallbacks(fakeEvent({ actor: manager, form: { safetyFacilityDays: '1', waterLeakDays: '2', defaultDays: '5' } }))
		);
		expect(saved).toMatchObject({ status: 303, location: '/staff/admin/dictionaries?tab=callbacks&saved=1' });
		expect(await loadCallbackDays()).toEqual({ safety_facility: 1, water_leak: 2, default: 5 });
		expect(await callbackDaysForKind(db(), (await kindByCode('door_lock'))!)).toBe(5);
		const [audit] = await auditFor('callback_rules');
		expect(audit).toMatchObject({ action: 'dictionary.callback_rules.update', actorId: manager.userId });
		expect(audit!.detail).toMatchObject({ before: { default: 7 }, after: { default: 5 } });

		// The rest of this file expects the rule book's values.
		await db().update(callbackRules).set({ days: 7 }).where(eq(callbackRules.rule, 'default'));
	});
});

describe('who may edit dictionaries', () => {
	it('refuses engineering and customer service with 403 on the page and every action', async () => {
		const kind = (await kindByCode('lift'))!;
		const before = await tableCounts();
		const attempts = [
			() => route.load(fakeEvent({ actor: engineer, path: '/staff/admin/dictionaries' })),
			() => route.actions.saveKind(fakeEvent({ actor: engineer, form: newKind })),
			() => route.actions.toggleKind(fakeEvent({ actor: engineer, form: { id: kind.id, active: 'false' } })),
			() =>
				route.actions.saveCallbacks(
					fakeEvent({ actor: engineer, form: { safetyFacilityDays: '9', waterLeakDays: '9', defaultDays: '9' } })
				),
			() => route.actions.saveFree(fakeEvent({ actor: engineer, form: { code: 'x', nameEn: 'x', nameZhHans: 'x', nameZhHant: 'x' } })),
			() => route.actions.toggleFree(fakeEvent({ actor: engineer, form: { id: kind.id, active: 'false' } })),
			() =>
				route.actions.savePaid(
					fakeEvent({ actor: engineer, form: { code: 'x', nameEn: 'x', nameZhHans: 'x', nameZhHant: 'x', unitPrice: '1' } })
				),
			() => route.actions.togglePaid(fakeEvent({ actor: engineer, form: { id: kind.id, active: 'false' } }))
		];
		for (const attempt of attempts) expect((await thrown(attempt)).status).toBe(403);
		expect((await thrown(() => route.load(fakeEvent({ actor: null })))).status).toBe(401);
		expect(await tableCounts()).toEqual(before);
		expect((await kindByCode('lift'))!.active).toBe(true);
		expect(await loadCallbackDays()).toEqual({ safety_facility: 1, water_leak: 2, default: 7 });
	});

	it('shows the manager every tab', async () => {
		for (const tab of ['kinds', 'callbacks', 'free', 'paid']) {
			const data = await route.load(fakeEvent({ actor: manager, path: `/staff/admin/dictionaries?tab=${tab}` }));
			expect(data.tab).toBe(tab);
			expect(data.kinds.length).toBeGreaterThan(0);
		}
	});
});

describe('repair kinds', () => {
	it('creates a kind from the form, audited', async () => {
		const result = await thrown(() => route.actions.saveKind(fakeEvent({ actor: admin, ip: '198.51.100.9', form: newKind })));
		expect(result).toMatchObject({ status: 303, location: '/staff/admin/dictionaries?tab=kinds&saved=1' });
		const gas = (await kindByCode('gas'))!;
		expect(gas).toMatchObject({
			nameZhHant: '煤氣',
			category: 'safety',
			isSafetyFacility: true,
			isWaterLeak: false,
			responseMinutes: 30,
			completionMinutes: 240,
			active: true,
			sort: 5
		});
		const [audit] = await auditFor(gas.id);
		expect(audit).toMatchObject({ action: 'dictionary.repair_kind.create', actorId: admin.userId, ip: '198.51.100.9' });
	});

	it('answers bad input at the field and saves nothing', async () => {
		const before = await tableCounts();
		const cases: [Record<string, string>, string][] = [
			[{ ...newKind, code: 'negative', responseMinutes: '-5' }, 'responseMinutes'],
			[{ ...newKind, code: 'zero', completionMinutes: '0' }, 'completionMinutes'],
			[{ ...newKind, code: 'backwards', responseMinutes: '600', completionMinutes: '60' }, 'completionMinutes'],
			[{ ...newKind, code: 'gas' }, 'code'],
			[{ ...newKind, code: 'LIFT' }, 'code'],
			[{ ...newKind, code: 'has space' }, 'code'],
			[{ ...newKind, code: 'long-name', nameEn: 'x'.repeat(101) }, 'nameEn'],
			[{ ...newKind, code: 'no-name', nameZhHant: '  ' }, 'nameZhHant'],
			[{ ...newKind, code: 'bad-category', category: 'spaceship' }, 'category']
		];
		for (const [form, field] of cases) {
			const result = (await route.actions.saveKind(fakeEvent({ actor: admin, form }))) as unknown as Failed;
			expect(result.status, `${field} ${JSON.stringify(form)}`).toBe(400);
			expect(result.data.form.errors[field], field).toBeDefined();
		}
		expect(await tableCounts()).toEqual(before);
	});

	it('edits a kind keeping its id, with before and after in the audit', async () => {
		const leak = (await kindByCode('water_leak'))!;
		const result = await thrown(() =>
			route.actions.saveKind(
				fakeEvent({
					actor: admin,
					form: {
						...newKind,
						id: leak.id,
						code: 'water_leak',
						nameEn: 'Leak',
						category: 'plumbing',
						isSafetyFacility: '',
						isWaterLeak: 'on',
						responseMinutes: '45',
						completionMinutes: '480'
					}
				})
			)
		);
		expect(result.status).toBe(303);
		expect(await kindByCode('water_leak')).toMatchObject({
			id: leak.id,
			nameEn: 'Leak',
			isWaterLeak: true,
			isSafetyFacility: false,
			responseMinutes: 45
		});
		const [audit] = await auditFor(leak.id);
		expect(audit!.action).toBe('dictionary.repair_kind.update');
		expect(audit!.detail).toMatchObject({ before: { responseMinutes: 30 }, after: { responseMinutes: 45 } });
	});

	it('refuses to rename a kind to another kind’s code', async () => {
		const leak = (await kindByCode('water_leak'))!;
		const result = (await route.actions.saveKind(
			fakeEvent({ actor: admin, form: { ...newKind, id: leak.id, code: 'lift' } })
		)) as unknown as Failed;
		expect(result.status).toBe(400);
		expect(result.data.form.errors.code).toBeDefined();
		expect((await kindByCode('water_leak'))!.id).toBe(leak.id);
	});

	it('retires a kind instead of deleting it, and can restore it', async () => {
		const gas = (await kindByCode('gas'))!;
		const retired = await thrown(() => route.actions.toggleKind(fakeEvent({ actor: admin, form: { id: gas.id, active: 'false' } })));
		expect(retired.status).toBe(303);
		expect((await kindByCode('gas'))!.active).toBe(false);
		expect((await listRepairKinds(db(), { activeOnly: true })).map((k) => k.code)).not.toContain('gas');
		expect((await listRepairKinds(db())).map((k) => k.code)).toContain('gas');
		expect((await auditFor(gas.id))[0]!.action).toBe('dictionary.repair_kind.deactivate');

		await thrown(() => route.actions.toggleKind(fakeEvent({ actor: admin, form: { id: gas.id, active: 'true' } })));
		expect((await kindByCode('gas'))!.active).toBe(true);
	});

	it('answers 404 for an unknown kind', async () => {
		for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
			expect((await thrown(() => route.actions.toggleKind(fakeEvent({ actor: admin, form: { id, active: 'false' } })))).status).toBe(404);
			expect(
				(await thrown(() => route.load(fakeEvent({ actor: admin, path: `/staff/admin/dictionaries?tab=kinds&edit=${id}` })))).status
			).toBe(404);
		}
	});

	it('prefills the edit form from the kind', async () => {
		const lift = (await kindByCode('lift'))!;
		const data = await route.load(fakeEvent({ actor: admin, path: `/staff/admin/dictionaries?tab=kinds&edit=${lift.id}` }));
		expect(data.kindForm.data).toMatchObject({ id: lift.id, code: 'lift', isSafetyFacility: true });
		expect(data.kinds.find((k) => k.code === 'lift')!.callbackDays).toBe(1);
	});
});

describe('service items', () => {
	it('adds a free item and a paid item priced in fen, audited', async () => {
		const free = await thrown(() =>
			route.actions.saveFree(
				fakeEvent({
					actor: admin,
					form: { code: 'oil_hinge', nameEn: 'Oil a hinge', nameZhHans: '门铰上油', nameZhHant: '門較上油', active: 'on', sort: '1' }
				})
			)
		);
		expect(free.status).toBe(303);
		const paid = await thrown(() =>
			route.actions.savePaid(
				fakeEvent({
					actor: admin,
					form: {
						code: 'paint_wall',
						nameEn: 'Repaint a wall',
						nameZhHans: '墙面翻新',
						nameZhHant: '牆身翻新',
						unitPrice: '350.5',
						active: 'on'
					}
				})
			)
		);
		expect(paid.status).toBe(303);
		const [hinge] = (await listFreeServiceItems(db())).filter((i) => i.code === 'oil_hinge');
		const [paint] = (await listPaidServiceItems(db())).filter((i) => i.code === 'paint_wall');
		expect(hinge).toMatchObject({ nameZhHant: '門較上油', active: true });
		expect(paint).toMatchObject({ unitPriceMinor: 35050, currency: 'CNY', active: true });
		expect((await auditFor(hinge!.id))[0]!.action).toBe('dictionary.free_service_item.create');
		expect((await auditFor(paint!.id))[0]!.action).toBe('dictionary.paid_service_item.create');

		await thrown(() => route.actions.togglePaid(fakeEvent({ actor: admin, form: { id: paint!.id, active: 'false' } })));
		expect((await listPaidServiceItems(db(), { activeOnly: true })).map((i) => i.code)).not.toContain('paint_wall');
		expect((await auditFor(paint!.id))[0]!.action).toBe('dictionary.paid_service_item.deactivate');
	});

	it('keeps the complaint kinds (rule 12): added, a taken code refused at its field, retired, each on the audit log', async () => {
		const form = { code: 'parking', nameEn: 'Parking', nameZhHans: '停车', nameZhHant: '泊車', active: 'on' };
		const added = await thrown(() => route.actions.saveComplaintKind(fakeEvent({ actor: admin, form })));
		expect(added.status).toBe(303);
		const [kind] = (await listComplaintKinds(db())).filter((k) => k.code === 'parking');
		expect(kind).toMatchObject({ nameZhHant: '泊車', active: true });
		expect((await auditFor(kind!.id))[0]!.action).toBe('dictionary.complaint_kind.create');
		const again = (await route.actions.saveComplaintKind(fakeEvent({ actor: admin, form }))) as {
			status: number;
			data: { form: { errors: Record<string, string[]> } };
		};
		expect(again.status).toBe(400);
		expect(again.data.form.errors.code).toBeDefined();
		await thrown(() => route.actions.toggleComplaintKind(fakeEvent({ actor: admin, form: { id: kind!.id, active: 'false' } })));
		expect((await listComplaintKinds(db(), { activeOnly: true })).map((k) => k.code)).not.toContain('parking');
		expect((await auditFor(kind!.id))[0]!.action).toBe('dictionary.complaint_kind.deactivate');
	});

	it('answers bad prices, duplicate codes and overlong names at the field, saving nothing', async () => {
		const before = await tableCounts();
		const item = { code: 'new_item', nameEn: 'Item', nameZhHans: '项目', nameZhHant: '項目', unitPrice: '10' };
		const cases: [Record<string, string>, string][] = [
			[{ ...item, unitPrice: '-10' }, 'unitPrice'],
			[{ ...item, unitPrice: '10.555' }, 'unitPrice'],
			[{ ...item, unitPrice: '' }, 'unitPrice'],
			[{ ...item, code: 'paint_wall' }, 'code'],
			[{ ...item, nameZhHans: '长'.repeat(101) }, 'nameZhHans'],
			[{ ...item, sort: '-1' }, 'sort']
		];
		for (const [form, field] of cases) {
			const result = (await route.actions.savePaid(fakeEvent({ actor: admin, form }))) as unknown as Failed;
			expect(result.status, field).toBe(400);
			expect(result.data.form.errors[field], field).toBeDefined();
		}
		const dupFree = (await route.actions.saveFree(fakeEvent({ actor: admin, form: { ...item, code: 'oil_hinge' } }))) as unknown as Failed;
		expect(dupFree.data.form.errors.code).toBeDefined();
		expect(await tableCounts()).toEqual(before);
	});
});
