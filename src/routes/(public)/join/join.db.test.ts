import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Infer, SuperValidated } from 'sveltekit-superforms';
import type { joinSchema, redeemSchema } from '#lib/schemas/auth.ts';
import { resetConfig } from '#lib/server/config.ts';
import { formatCode, newInvitationCode } from '#lib/server/accounts/codes.ts';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { occupancies, oneTimeCodes, users } from '#lib/server/db/schema/index.ts';
import { SESSION_COOKIE, validateSessionToken } from '#lib/server/auth/sessions.ts';
import { issueUnitInvitation } from '#lib/server/accounts/invitations.ts';
import { actorOf, createStaff, createUnit, createUser } from '#lib/server/accounts/test-data.ts';
import { cookieJar, fakeEvent, thrown, type Thrown } from '../../../../tests/request-event.ts';
import { failure } from '../../../../tests/action-result.ts';
import { actions, load } from './+page.server.ts';

// The actions are typed only as `Actions`, so their answers are named here.
type JoinFailure = { form: SuperValidated<Infer<typeof joinSchema>> };
type RedeemFailure = { form: SuperValidated<Infer<typeof redeemSchema>> };

async function invitation(role: 'owner' | 'renter' = 'owner') {
	const { unitId } = await createUnit();
	const admin = await createStaff(['admin']);
	return { unitId, ...(await issueUnitInvitation(admin, { unitId, role })) };
}

const form = (code: string, email: string, extra: Record<string, string> = {}) => ({
	code,
	name: 'Ng Mei Ling',
	email,
	phone: '91234567',
	password: 'a long enough password',
	confirm: 'a long enough password',
	...extra
});

describe('/join', () => {
	it('creates the account, signs it in and opens the resident app', async () => {
		const { code, unitId } = await invitation('renter');
		const cookies = cookieJar();
		const result = await thrown(() => actions.join(fakeEvent({ form: form(code, 'ng@example.com'), cookies })));
		expect(result).toMatchObject({ status: 303, location: '/app' });
		const validated = await validateSessionToken(cookies.jar.get(SESSION_COOKIE)!);
		const [user] = await db().select().from(users).where(eq(users.email, 'ng@example.com'));
		expect(validated?.session.userId).toBe(user!.id);
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.userId, user!.id));
		expect(occupancy).toMatchObject({ unitId, role: 'renter' });
	});

	it('prefills the code from the emailed link', async () => {
		const data = await load(fakeEvent({ path: '/join?code=ABCD-EFGH-JK' }));
		expect(data.joinForm.data.code).toBe('ABCD-EFGH-JK');
		expect(data.signedIn).toBeNull();
	});

	it('lets a code work once even when two people race for it', async () => {
		const { code } = await invitation();
		const attempts = await Promise.allSettled(
			['first@example.com', 'second@example.com'].map(async (email) => actions.join(fakeEvent({ form: form(code, email) })))
		);
		const redirected = attempts.filter((a) => a.status === 'rejected' && (a.reason as Thrown).status === 303);
		const refused = attempts.flatMap((a) => (a.status === 'fulfilled' ? [failure<JoinFailure>(a.value)] : []));
		expect(redirected).toHaveLength(1);
		expect(refused).toHaveLength(1);
		expect(refused[0]!.data.form.errors.code?.[0]).toMatch(/already been used/);
		const created = await db().select().from(users).where(eq(users.name, 'Ng Mei Ling'));
		expect(created.filter((u) => ['first@example.com', 'second@example.com'].includes(u.email))).toHaveLength(1);
	});

	it('answers hostile input with field messages and saves nothing', async () => {
		const { code, unitId } = await invitation();
		const result = failure<JoinFailure>(
			await actions.join(
				fakeEvent({
					form: form(code, 'not an email', { name: 'x'.repeat(5000), phone: 'DROP TABLE', password: 'short', confirm: 'other' })
				})
			)
		);
		expect(result.status).toBe(400);
		const errors = result.data.form.errors;
		expect(errors.email?.[0]).toMatch(/valid email/);
		expect(errors.name?.[0]).toMatch(/too long/);
		expect(errors.phone?.[0]).toMatch(/valid phone/);
		expect(errors.password?.[0]).toMatch(/at least 10/);
		expect(result.data.form.data.password).toBe('');
		const [open] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.unitId, unitId));
		expect(open?.usedAt).toBeNull();
		expect(await db().select().from(occupancies).where(eq(occupancies.unitId, unitId))).toHaveLength(0);
	});

	it('shows an unknown code at the code field', async () => {
		const result = failure<JoinFailure>(await actions.join(fakeEvent({ form: form('ZZZZ-ZZZZ-ZZ', 'zed@example.com') })));
		expect(result.status).toBe(400);
		expect(result.data.form.errors.code?.[0]).toMatch(/do not recognise/);
	});

	it('asks for sign-in when the email has an account, then redeems for the signed-in resident', async () => {
		const { code, unitId } = await invitation();
		const existing = await createUser({ email: 'known@example.com' });
		const result = failure<JoinFailure>(await actions.join(fakeEvent({ form: form(code, 'known@example.com') })));
		expect(result.data.form.errors.email?.[0]).toMatch(/sign in first/);

		const actor = await actorOf(existing.id);
		const redeemed = await thrown(() => actions.redeem(fakeEvent({ actor, form: { code } })));
		expect(redeemed).toMatchObject({ status: 303, location: '/app' });
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.userId, existing.id));
		expect(occupancy?.unitId).toBe(unitId);

		const again = failure<RedeemFailure>(await actions.redeem(fakeEvent({ actor, form: { code } })));
		expect(again.data.form.errors.code?.[0]).toMatch(/already been used/);
	});

	it('sends anonymous redeemers to sign in first, keeping the code', async () => {
		const result = await thrown(() => actions.redeem(fakeEvent({ form: { code: 'ABCD-EFGH-JK' } })));
		expect(result).toMatchObject({ status: 303, location: '/login?next=%2Fjoin%3Fcode%3DABCD-EFGH-JK' });
	});
});

describe('/join under a flood of guessed codes', () => {
	afterEach(() => {
		vi.unstubAllEnvs();
		resetConfig();
	});

	type Refused = { status: number; data: { form: { errors: { code?: string[] } } } };
	const locked = /^Too many wrong codes were tried\. Please try again in \d+ minutes\.$/;

	it('refuses every code from an address after too many wrong ones, at the code field with the minutes to wait; another address still joins', async () => {
		vi.stubEnv('LOGIN_MAX_IP_FAILURES', '10');
		resetConfig();
		const { code } = await invitation();
		const ip = '198.51.100.77';
		const answers: string[] = [];
		for (let i = 0; i < 12; i++) {
			const guess = (await actions.join(
				fakeEvent({ ip, form: form(formatCode(newInvitationCode()), `guess${i}@example.com`) })
			)) as Refused;
			expect(guess.status).toBe(400);
			answers.push(guess.data.form.errors.code![0]!);
		}
		expect(answers.slice(0, 9)).toEqual(
			Array(9).fill('We do not recognise this code. Please check it, or ask the management office for a new one.')
		);
		expect(answers.slice(9).every((a) => locked.test(a))).toBe(true);

		// The right code from that address is refused too, and creates nothing.
		const right = (await actions.join(fakeEvent({ ip, form: form(code, 'right@example.com') }))) as Refused;
		expect(right.data.form.errors.code![0]).toMatch(locked);
		expect(await db().select().from(users).where(eq(users.email, 'right@example.com'))).toEqual([]);

		// Another address is not held up.
		const elsewhere = await thrown(() => actions.join(fakeEvent({ ip: '198.51.100.78', form: form(code, 'right@example.com') })));
		expect(elsewhere).toMatchObject({ status: 303 });
	});

	it('refuses one code tried again and again, from however many addresses', async () => {
		const guessed = 'ABCD-EFGH-JK';
		for (let i = 0; i < 5; i++) {
			const wrong = (await actions.join(fakeEvent({ ip: `192.0.2.${10 + i}`, form: form(guessed, `try${i}@example.com`) }))) as Refused;
			expect(wrong.status).toBe(400);
		}
		const sixth = (await actions.join(fakeEvent({ ip: '192.0.2.99', form: form('abcd efgh jk', 'sixth@example.com') }))) as Refused;
		expect(sixth.data.form.errors.code![0]).toMatch(locked);
		// Other codes from those addresses still work.
		const { code } = await invitation();
		expect(await thrown(() => actions.join(fakeEvent({ ip: '192.0.2.10', form: form(code, 'honest@example.com') })))).toMatchObject({
			status: 303
		});
	});

	it('throttles a signed-in resident redeeming codes the same way', async () => {
		vi.stubEnv('LOGIN_MAX_IP_FAILURES', '3');
		resetConfig();
		const resident = await actorOf((await createUser({ name: 'Curious' })).id);
		const ip = '198.51.100.90';
		for (let i = 0; i < 3; i++) await actions.redeem(fakeEvent({ actor: resident, ip, form: { code: formatCode(newInvitationCode()) } }));
		const { code } = await invitation();
		const refused = (await actions.redeem(fakeEvent({ actor: resident, ip, form: { code } }))) as Refused;
		expect(refused.data.form.errors.code![0]).toMatch(locked);
	});
});
