import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { thrown } from '../../../../tests/request-event.ts';
import { db } from '../db/client.ts';
import { auditLog, widgetSettings } from '../db/schema/index.ts';
import { InputError } from '../kernel/input-error.ts';
import { actorFor, makeEstate, makeStaff } from '../residents/test-fixtures.ts';
import { publicWidget } from './settings.ts';
import { estateWidget, rotateWidgetKey, saveWidgetSettings, widgetEmbedTag, widgetEstates } from './settings-admin.ts';

async function estateWithManager(name: string) {
	const place = await makeEstate(name);
	const manager = await actorFor((await makeStaff(`Manager ${name}`, ['manager'], [place.estate.id])).id);
	return { ...place, manager };
}

const settings = (overrides: Record<string, unknown> = {}) => ({
	enabled: true,
	allowedOrigins: 'https://www.example.com\n\nhttps://WWW.example.com/\nhttp://localhost:5173',
	actions: ['track', 'repair', 'complaint', 'repair'],
	accentColour: '#0B5CAD',
	...overrides
});

const auditOf = (estateId: string, action: string) =>
	db()
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.subjectId, estateId), eq(auditLog.action, action)));

async function refusal(run: () => Promise<unknown>): Promise<InputError> {
	try {
		await run();
	} catch (err) {
		if (err instanceof InputError) return err;
		throw err;
	}
	throw new Error('expected an InputError');
}

describe('an estate’s widget settings', () => {
	it('are created on the first save with a public key and a form secret, the sites as origins, audited', async () => {
		const place = await estateWithManager('Widget Gardens');
		expect((await estateWidget(place.manager, place.estate.id)).settings).toBeNull();

		const saved = await saveWidgetSettings(place.manager, place.estate.id, settings(), { ip: '203.0.113.9' });
		expect(saved.created).toBe(true);
		expect(saved.publicKey).toMatch(/^[A-Za-z0-9]{20}$/);
		const [row] = await db().select().from(widgetSettings).where(eq(widgetSettings.estateId, place.estate.id));
		expect(row).toMatchObject({
			publicKey: saved.publicKey,
			enabled: true,
			allowedOrigins: ['https://www.example.com', 'http://localhost:5173'],
			actions: ['repair', 'complaint', 'track'],
			accentColour: '#0b5cad',
			updatedBy: place.manager.userId
		});
		expect(row!.formSecret).toHaveLength(32);
		const [audit] = await auditOf(place.estate.id, 'widget.settings_saved');
		expect(audit).toMatchObject({ actorId: place.manager.userId, subjectType: 'estate', ip: '203.0.113.9' });
		expect(audit!.detail).toMatchObject({ created: true, allowedOrigins: ['https://www.example.com', 'http://localhost:5173'] });

		// The public side now finds the widget under its key.
		expect(await publicWidget(saved.publicKey)).toMatchObject({ estateId: place.estate.id, actions: ['repair', 'complaint', 'track'] });
		expect(widgetEmbedTag('https://lobby.example', saved.publicKey)).toBe(
			`<script src="https://lobby.example/widget/loader.js" data-key="${saved.publicKey}" data-lang="en" async></script>`
		);
	});

	it('keep their key and secret on a later save, and a switched-off widget names nothing', async () => {
		const place = await estateWithManager('Widget Court');
		const first = await saveWidgetSettings(place.manager, place.estate.id, settings());
		const [before] = await db().select().from(widgetSettings).where(eq(widgetSettings.estateId, place.estate.id));
		const second = await saveWidgetSettings(place.manager, place.estate.id, settings({ enabled: false, allowedOrigins: '' }));
		expect(second).toEqual({ publicKey: first.publicKey, created: false });
		const [after] = await db().select().from(widgetSettings).where(eq(widgetSettings.estateId, place.estate.id));
		expect(after).toMatchObject({ enabled: false, allowedOrigins: [] });
		expect(after!.formSecret).toEqual(before!.formSecret);
		expect(await publicWidget(first.publicKey)).toBeNull();
		expect(await auditOf(place.estate.id, 'widget.settings_saved')).toHaveLength(2);
	});

	it('refuse, at the field and without saving, a line that is no site, too many sites, no action and an unreadable colour', async () => {
		const place = await estateWithManager('Widget Heights');
		const save = (overrides: Record<string, unknown>) => saveWidgetSettings(place.manager, place.estate.id, settings(overrides));

		const badLine = await refusal(() => save({ allowedOrigins: 'https://www.example.com\nexample.com/contact-us' }));
		expect(badLine.field).toBe('allowedOrigins');
		expect(badLine.message).toContain('example.com/contact-us');
		const tooMany = Array.from({ length: 11 }, (_, i) => `https://s${i}.example.com`).join('\n');
		expect((await refusal(() => save({ allowedOrigins: tooMany }))).field).toBe('allowedOrigins');
		expect((await refusal(() => save({ actions: [] }))).field).toBe('actions');
		expect((await refusal(() => save({ actions: ['repair', 'everything'] }))).field).toBe('actions');
		expect((await refusal(() => save({ accentColour: 'blue' }))).field).toBe('accentColour');
		const pale = await refusal(() => save({ accentColour: '#ffcc00' }));
		expect(pale.field).toBe('accentColour');
		expect(pale.message).toContain('1.5:1');
		expect(pale.message).toContain('4.5:1');
		// Just short of 4.5:1 reads as 4.4, never as the threshold itself.
		expect((await refusal(() => save({ accentColour: '#777777' }))).message).toContain('4.4:1');

		expect(await db().select().from(widgetSettings).where(eq(widgetSettings.estateId, place.estate.id))).toEqual([]);
		expect(await auditOf(place.estate.id, 'widget.settings_saved')).toEqual([]);
	});

	it('get a new key on request: the old one stops working at once, audited', async () => {
		const place = await estateWithManager('Widget Terrace');
		// Nothing to replace before the first save.
		expect((await refusal(() => rotateWidgetKey(place.manager, place.estate.id))).field).toBe('');

		const { publicKey: oldKey } = await saveWidgetSettings(place.manager, place.estate.id, settings());
		const newKey = await rotateWidgetKey(place.manager, place.estate.id, { ip: '203.0.113.10' });
		expect(newKey).toMatch(/^[A-Za-z0-9]{20}$/);
		expect(newKey).not.toBe(oldKey);
		expect(await publicWidget(oldKey)).toBeNull();
		expect(await publicWidget(newKey)).toMatchObject({ estateId: place.estate.id });
		expect((await estateWidget(place.manager, place.estate.id)).settings?.publicKey).toBe(newKey);
		const [audit] = await auditOf(place.estate.id, 'widget.key_rotated');
		expect(audit).toMatchObject({ actorId: place.manager.userId, ip: '203.0.113.10', detail: { previousKey: oldKey, publicKey: newKey } });
	});

	it('are kept by managers and admins of the estate only: another estate’s answers 404, other roles 403', async () => {
		const mine = await estateWithManager('Widget Park');
		const theirs = await estateWithManager('Other Widget Park');
		const { publicKey } = await saveWidgetSettings(theirs.manager, theirs.estate.id, settings());

		const listed = await widgetEstates(mine.manager);
		expect(listed.map((e) => e.estateId)).toEqual([mine.estate.id]);
		expect(await thrown(() => estateWidget(mine.manager, theirs.estate.id))).toMatchObject({ status: 404 });
		expect(await thrown(() => estateWidget(mine.manager, 'not-a-uuid'))).toMatchObject({ status: 404 });
		expect(await thrown(() => saveWidgetSettings(mine.manager, theirs.estate.id, settings({ enabled: false })))).toMatchObject({
			status: 404
		});
		expect(await thrown(() => rotateWidgetKey(mine.manager, theirs.estate.id))).toMatchObject({ status: 404 });
		expect(await publicWidget(publicKey)).not.toBeNull();

		const desk = await actorFor((await makeStaff('Desk Widget Park', ['customer_service'], [mine.estate.id])).id);
		expect(await thrown(() => widgetEstates(desk))).toMatchObject({ status: 403 });
		expect(await thrown(() => saveWidgetSettings(desk, mine.estate.id, settings()))).toMatchObject({ status: 403 });

		// An admin sees every estate.
		const admin = await actorFor((await makeStaff('Admin Widget', ['admin'])).id);
		const all = (await widgetEstates(admin)).map((e) => e.estateId);
		expect(all).toEqual(expect.arrayContaining([mine.estate.id, theirs.estate.id]));
	});
});
