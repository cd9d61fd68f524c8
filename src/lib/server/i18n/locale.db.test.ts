import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { cookieJar, fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { actions, load } from '../../../routes/locale/+page.server.ts';
import { actorFor, makeUser } from '../residents/test-fixtures.ts';
import { hostileTargets } from '../../../../tests/hostile-targets.ts';

async function savedLocale(userId: string) {
	const [row] = await db().select({ locale: users.locale }).from(users).where(eq(users.id, userId));
	return row?.locale;
}

describe('/locale', () => {
	it('sets the Paraglide cookie, saves the choice on the account, and returns to the page', async () => {
		const user = await makeUser('Wen');
		const actor = await actorFor(user.id);
		const cookies = cookieJar();

		const result = await thrown(() =>
			actions.set(fakeEvent({ actor, cookies, form: { locale: 'zh-Hant', redirectTo: '/app/units/x?y=1' } }))
		);

		expect(result).toMatchObject({ status: 303, location: '/app/units/x?y=1' });
		expect(cookies.jar.get('PARAGLIDE_LOCALE')).toBe('zh-Hant');
		expect(await savedLocale(user.id)).toBe('zh-Hant');
	});

	it('works signed out too, with only the cookie', async () => {
		const cookies = cookieJar();
		const result = await thrown(() => actions.set(fakeEvent({ cookies, form: { locale: 'zh-Hans', redirectTo: '/login' } })));
		expect(result).toMatchObject({ status: 303, location: '/login' });
		expect(cookies.jar.get('PARAGLIDE_LOCALE')).toBe('zh-Hans');
	});

	it.each(hostileTargets)('refuses to redirect off-site to %s and goes home instead', async (redirectTo) => {
		const result = await thrown(() => actions.set(fakeEvent({ form: { locale: 'en', redirectTo } })));
		expect(result).toMatchObject({ status: 303, location: '/' });
	});

	it('answers 400 for a language it does not offer, changing nothing', async () => {
		const user = await makeUser('Xia');
		const actor = await actorFor(user.id);
		const cookies = cookieJar();
		const result = await thrown(() => actions.set(fakeEvent({ actor, cookies, form: { locale: 'fr', redirectTo: '/app' } })));
		expect(result.status).toBe(400);
		expect(cookies.jar.has('PARAGLIDE_LOCALE')).toBe(false);
		expect(await savedLocale(user.id)).toBeNull();
	});

	it('sends a plain GET home', async () => {
		expect(await thrown(() => load(fakeEvent({ path: '/locale' })))).toMatchObject({ status: 303, location: '/' });
	});
});
