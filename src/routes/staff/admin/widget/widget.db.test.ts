import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { widgetSettings } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { load as listLoad } from './+page.server.ts';
import { actions, load } from './[estateId]/+page.server.ts';

type Result = { status?: number; data?: { form?: { errors: Record<string, unknown> } } };

const open = (actor: Actor, estateId: string, query = '') =>
	load(fakeEvent({ actor, path: `/staff/admin/widget/${estateId}${query}`, params: { estateId } }));
const post = (name: 'save' | 'rotate', actor: Actor, estateId: string, form: Record<string, string | string[]>) =>
	(actions[name] as (event: never) => Promise<Result>)(
		fakeEvent({ actor, path: `/staff/admin/widget/${estateId}?/${name}`, params: { estateId }, form })
	);

const form = {
	enabled: 'on',
	allowedOrigins: 'https://www.example.com\nhttps://shop.example.com/',
	actions: ['repair', 'track'],
	accentColour: '#0b5cad'
};

describe('/staff/admin/widget — an estate’s widget settings, as a plain form posts them', () => {
	it('lists the manager’s estates, creates the key on the first save and shows the tag to copy', async () => {
		const estate = await fx.estate();
		const manager = await fx.staffActor(['manager'], [estate.id]);
		expect((await listLoad(fakeEvent({ actor: manager, path: '/staff/admin/widget' }))).estates).toEqual([
			{ id: estate.id, code: estate.code, name: estate.name, status: 'none', sites: [] }
		]);
		const fresh = await open(manager, estate.id);
		expect(fresh.key).toBeNull();
		expect(fresh.form.data).toMatchObject({ enabled: false, actions: ['repair', 'complaint', 'track'], accentColour: '#0b5cad' });

		expect(await thrown(() => post('save', manager, estate.id, form))).toMatchObject({
			status: 303,
			location: `/staff/admin/widget/${estate.id}?done=created`
		});
		const [row] = await db().select().from(widgetSettings).where(eq(widgetSettings.estateId, estate.id));
		expect(row).toMatchObject({
			enabled: true,
			allowedOrigins: ['https://www.example.com', 'https://shop.example.com'],
			actions: ['repair', 'track']
		});
		const page = await open(manager, estate.id, '?done=created');
		expect(page.done).toBe('created');
		expect(page.key?.embedTag).toContain(`data-key="${row!.publicKey}"`);
		expect(page.key?.embedTag).toMatch(
			/^<script src="[^"]+\/widget\/loader\.js" data-key="[A-Za-z0-9]{20}" data-lang="en" async><\/script>$/
		);
		expect(page.form.data.allowedOrigins).toBe('https://www.example.com\nhttps://shop.example.com');

		// Unticked, the box posts nothing: the widget is switched off.
		const { enabled: _ticked, ...unticked } = form;
		expect(await thrown(() => post('save', manager, estate.id, unticked))).toMatchObject({ status: 303 });
		expect((await open(manager, estate.id)).key?.enabled).toBe(false);
	});

	it('shows refusals at their fields, and replaces the key only once confirmed', async () => {
		const estate = await fx.estate();
		const manager = await fx.staffActor(['manager'], [estate.id]);
		const badSite = await post('save', manager, estate.id, { ...form, allowedOrigins: 'www.example.com' });
		expect(badSite.status).toBe(400);
		expect(badSite.data?.form?.errors.allowedOrigins).toEqual([expect.stringContaining('www.example.com')]);
		const pale = await post('save', manager, estate.id, { ...form, accentColour: '#ffcc00' });
		expect(pale.data?.form?.errors.accentColour).toEqual([expect.stringContaining('4.5')]);
		const none = await post('save', manager, estate.id, { ...form, actions: [] });
		expect(none.status).toBe(400);

		await thrown(() => post('save', manager, estate.id, form));
		const [before] = await db().select().from(widgetSettings).where(eq(widgetSettings.estateId, estate.id));
		const unconfirmed = await post('rotate', manager, estate.id, {});
		expect(unconfirmed.data?.form?.errors.confirm).toBeTruthy();
		expect(await thrown(() => post('rotate', manager, estate.id, { confirm: 'on' }))).toMatchObject({
			location: `/staff/admin/widget/${estate.id}?done=rotated`
		});
		const [after] = await db().select().from(widgetSettings).where(eq(widgetSettings.estateId, estate.id));
		expect(after!.publicKey).not.toBe(before!.publicKey);
	});
});
