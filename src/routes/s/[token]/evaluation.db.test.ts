import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { callbackEvaluations, events, repairCallbacks } from '#lib/server/db/schema/index.ts';
import { callbackDetail } from '#lib/server/callbacks/queries.ts';
import { actorFor, completedRepair, makeCallbackEstate, makeKind } from '#lib/server/callbacks/testing.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { failure, success } from '../../../../tests/action-result.ts';
import { actions, load } from './+page.server.ts';

const answers = { workOk: 'yes', serviceRating: '5', chargesOk: 'yes', suggestions: 'Quick and tidy.', signedName: 'Chan Tai Man' };

async function setUp() {
	const place = await makeCallbackEstate();
	const { order, callback } = await completedRepair(place, (await makeKind()).id, new Date());
	return { place, order, callback, token: callback.token };
}

/** The page's data for an evaluation link (the /s/ page serves survey links too). */
const view = async (token: string) => {
	const data = await load(fakeEvent({ path: `/s/${token}`, params: { token } }));
	if (data.kind !== 'evaluation') throw new Error('not an evaluation link');
	return data;
};
const submit = async (token: string, form: Record<string, string> = answers) =>
	actions.evaluate(fakeEvent({ path: `/s/${token}?/evaluate`, params: { token }, form }));

describe('/s/[token]: the resident’s callback evaluation form', () => {
	it('works once without a session: answers are stored, the repair gets an event, the staff callback stays open', async () => {
		const { place, order, callback, token } = await setUp();
		const page = await view(token);
		expect(page.link).toMatchObject({ status: 'open', repair: { reference: expect.stringMatching(/^R\d{6}$/) } });

		const result = success(await submit(token));
		expect(result.outcome).toBe('saved');
		const [stored] = await db().select().from(callbackEvaluations).where(eq(callbackEvaluations.callbackId, callback.id));
		expect(stored).toMatchObject({
			workOk: true,
			serviceRating: 5,
			chargesOk: true,
			suggestions: 'Quick and tidy.',
			signedName: 'Chan Tai Man'
		});
		const [event] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, order.id), eq(events.kind, 'evaluation_submitted')));
		expect(event).toMatchObject({ actorId: null, subjectType: 'repair' });
		const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		expect(row!.state).toBe('open');
		// The staff form shows the resident's answers.
		const detail = await callbackDetail(await actorFor(place.staff.manager!.id), callback.id);
		expect(detail.evaluation).toMatchObject({ serviceRating: 5, signedName: 'Chan Tai Man' });

		// A second submission or a reused link: "already answered", nothing changes.
		expect(success(await submit(token, { ...answers, serviceRating: '1' })).outcome).toBe('answered');
		expect((await view(token)).link.status).toBe('answered');
		const all = await db().select().from(callbackEvaluations).where(eq(callbackEvaluations.callbackId, callback.id));
		expect(all).toHaveLength(1);
		expect(all[0]!.serviceRating).toBe(5);
	});

	it('shows an expired link as expired and stores nothing', async () => {
		const { callback, token } = await setUp();
		await db()
			.update(repairCallbacks)
			.set({ evaluationExpiresAt: new Date(Date.now() - 60_000) })
			.where(eq(repairCallbacks.id, callback.id));
		expect((await view(token)).link.status).toBe('expired');
		expect(success(await submit(token)).outcome).toBe('expired');
		expect(await db().select().from(callbackEvaluations).where(eq(callbackEvaluations.callbackId, callback.id))).toHaveLength(0);
	});

	it('answers 404, never 500, for unknown, garbled and hostile tokens', async () => {
		const { token } = await setUp();
		const hostile = [
			'abcdefghijkmnpqrstuvwxyz23', // well-formed, unknown
			token.slice(0, -1), // truncated
			token.toUpperCase(),
			'x'.repeat(5000),
			"' or 1=1 --",
			"abc'; drop table repair_callbacks; --",
			'%00%ff',
			'..%2F..%2Fetc%2Fpasswd',
			'😀'.repeat(13)
		];
		for (const bad of hostile) {
			expect((await thrown(() => view(bad))).status, bad.slice(0, 40)).toBe(404);
			expect((await thrown(() => submit(bad))).status, bad.slice(0, 40)).toBe(404);
		}
		// The real link still works afterwards.
		expect((await view(token)).link.status).toBe('open');
	});

	it('sends the form back with messages when a question is unanswered, keeping the link usable', async () => {
		const { token } = await setUp();
		const result = failure(await submit(token, { signedName: '' }));
		expect(result.status).toBe(400);
		const errors = result.data.form.errors;
		expect(Object.keys(errors).sort()).toEqual(['chargesOk', 'serviceRating', 'signedName', 'workOk']);
		expect((await view(token)).link.status).toBe('open');
	});
});
