import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { estates } from '#lib/server/db/schema/index.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import * as home from './+page.server.ts';

describe('an estate’s time zone', () => {
	// An existing estate brings the management company that new estates belong to.
	beforeAll(() => fx.estate('TZ-0'));

	it('is offered to a manager adding an estate, defaults to the default zone, and is saved as chosen', async () => {
		const manager = await fx.staffActor(['manager']);
		const page = await home.load(fakeEvent({ actor: manager }));
		expect(page.timeZones).toContain('Asia/Shanghai');
		expect(page.timeZones).toContain(DEFAULT_TIME_ZONE);
		expect(page.estateForm.data.timeZone).toBe(DEFAULT_TIME_ZONE);

		const form = { code: 'TZ-SH', name: 'Pudong Centre', kind: 'office', address: '', timeZone: 'Asia/Shanghai' };
		await home.actions.estate(fakeEvent({ actor: manager, form }));
		const [saved] = await db().select({ timeZone: estates.timeZone }).from(estates).where(eq(estates.code, 'TZ-SH'));
		expect(saved?.timeZone).toBe('Asia/Shanghai');
	});

	it('refuses a zone the runtime does not know, at the field, and saves nothing', async () => {
		const manager = await fx.staffActor(['manager']);
		const form = { code: 'TZ-BAD', name: 'Nowhere', kind: 'office', address: '', timeZone: 'Mars/Olympus_Mons' };
		const refused = (await home.actions.estate(fakeEvent({ actor: manager, form }))) as {
			status: number;
			data: { form: { errors: { timeZone?: string[] } } };
		};
		expect(refused.status).toBe(400);
		expect(refused.data.form.errors.timeZone).toEqual(['Choose one of the options.']);
		expect(await db().select().from(estates).where(eq(estates.code, 'TZ-BAD'))).toEqual([]);
	});

	it('is not offered to staff who may not add estates', async () => {
		const desk = await fx.staffActor(['customer_service']);
		expect((await home.load(fakeEvent({ actor: desk }))).timeZones).toEqual([]);
	});
});
