import { describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { complaints, files, notifications, outbox, repairOrders, widgetRequests } from '../db/schema/index.ts';
import { InputError } from '../kernel/input-error.ts';
import { runMailJobs } from '../notify/testing.ts';
import { thrown } from '../../../../tests/request-event.ts';
import { issueFormToken } from './form-token.ts';
import { confirmWidgetRequest, resendWidgetCode, sendWidgetRequest, widgetRequestStatus } from './requests.ts';
import { trackWidgetCase } from './tracking.ts';
import { codeSentTo, makeWidgetEstate, shownAMinuteAgo } from './testing.ts';

type Place = Awaited<ReturnType<typeof makeWidgetEstate>>;
let counter = 0;
const unique = () => `${Date.now().toString(36)}${counter++}`;

const complaintForm = (place: Place, overrides: Record<string, unknown> = {}) => ({
	buildingId: place.building.id,
	location: 'unit',
	room: place.unit.number.toLowerCase(),
	kindId: place.kind.id,
	description: 'The car park gate slams at night and wakes the whole block.',
	name: 'Visitor Wong',
	phone: '',
	email: `visitor.${unique()}@example.com`,
	website: '',
	token: shownAMinuteAgo(place.widget),
	...overrides
});

/** A small real PNG, as a phone would send a photo. */
const photo = async () => {
	const sharp = (await import('sharp')).default;
	const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a7' } })
		.png()
		.toBuffer();
	return new File([new Uint8Array(png)], 'gate.png', { type: 'image/png' });
};

const ip = () => `10.9.${counter % 250}.${counter++ % 250}`;

describe('a public visitor’s complaint through the widget', () => {
	it('is held until the emailed code is typed, then enters the queue unverified with a tracking code the visitor follows', async () => {
		const place = await makeWidgetEstate();
		const form = complaintForm(place, { phone: '+852 6123 4567' });
		const requestId = await sendWidgetRequest(place.widget, 'complaint', form, [await photo()], { ip: ip() });
		// Nothing reaches the office before the code is confirmed.
		expect(await db().select().from(complaints).where(eq(complaints.estateId, place.estate.id))).toHaveLength(0);
		const status = await widgetRequestStatus(place.widget, requestId);
		expect(status).toMatchObject({ confirmed: false, codeChannel: 'email', trackingCode: null });
		expect(status.sentTo).toMatch(/^v•••@example\.com$/);

		const code = await codeSentTo(form.email);
		const wrong = code === '000000' ? '111111' : '000000';
		const refused = await thrown(() => confirmWidgetRequest(place.widget, requestId, { code: wrong }));
		expect(refused).toBeInstanceOf(InputError);
		expect(refused).toMatchObject({ field: 'code' });
		await confirmWidgetRequest(place.widget, requestId, { code: `${code.slice(0, 3)} ${code.slice(3)}` });

		const [complaint] = await db().select().from(complaints).where(eq(complaints.estateId, place.estate.id));
		expect(complaint).toMatchObject({
			channel: 'widget',
			verified: false,
			unitId: place.unit.id,
			buildingId: place.building.id,
			occupancyId: null,
			requesterId: null,
			complainantName: 'Visitor Wong',
			email: form.email
		});
		// The photo moved from the held request to the complaint.
		const photos = await db()
			.select()
			.from(files)
			.where(and(eq(files.subjectType, 'complaint'), eq(files.subjectId, complaint!.id)));
		expect(photos).toHaveLength(1);
		expect(photos[0]!.uploadedBy).toBeNull();
		// The desk hears of it; the unit's own resident is told nothing about a stranger's complaint.
		expect(await db().select().from(notifications).where(eq(notifications.userId, place.desk.id))).toHaveLength(1);
		expect(await db().select().from(notifications).where(eq(notifications.userId, place.resident.id))).toHaveLength(0);

		const done = await widgetRequestStatus(place.widget, requestId);
		expect(done.confirmed).toBe(true);
		expect(done.trackingCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		expect(done.reference).toMatch(/^C\d{6}$/);
		// The tracking code was mailed too, with the tracking page's address.
		while ((await runMailJobs()).claimed > 0);
		const mails = await db().select().from(outbox).where(eq(outbox.recipient, form.email));
		expect(mails.some((mail) => mail.body.includes(done.trackingCode!) && mail.body.includes('/track'))).toBe(true);
		// Confirming again changes nothing.
		await confirmWidgetRequest(place.widget, requestId, { code });
		expect(await db().select().from(complaints).where(eq(complaints.estateId, place.estate.id))).toHaveLength(1);

		// The visitor follows it with the code and the phone's last 4 digits, or the email in any case.
		const tracked = await trackWidgetCase(place.widget, { trackingCode: done.trackingCode!.toLowerCase(), proof: '4567' }, { ip: ip() });
		expect(tracked).toMatchObject({ type: 'complaint', reference: done.reference, state: 'received' });
		expect(tracked.timeline.map((e) => e.kind)).toEqual(['filed']);
		const byEmail = await trackWidgetCase(
			place.widget,
			{ trackingCode: done.trackingCode!, proof: form.email.toUpperCase() },
			{ ip: ip() }
		);
		expect(byEmail.reference).toBe(done.reference);
		// Another phone's digits, or another estate's widget, find nothing — and say no more than that.
		for (const [widget, proof] of [
			[place.widget, '9999'],
			[(await makeWidgetEstate('Other Gardens')).widget, '4567']
		] as const) {
			const none = await thrown(() => trackWidgetCase(widget, { trackingCode: done.trackingCode!, proof }, { ip: ip() }));
			expect(none).toMatchObject({ field: 'trackingCode' });
		}
	});

	it('takes a complaint about a common area with the place in words and no unit', async () => {
		const place = await makeWidgetEstate();
		const form = complaintForm(place, { location: 'common_area', room: 'Car park entrance, level B1' });
		const requestId = await sendWidgetRequest(place.widget, 'complaint', form, [], { ip: ip() });
		await confirmWidgetRequest(place.widget, requestId, { code: await codeSentTo(form.email) });
		const [complaint] = await db().select().from(complaints).where(eq(complaints.estateId, place.estate.id));
		expect(complaint).toMatchObject({ unitId: null, locationDetail: 'Car park entrance, level B1', verified: false });
	});

	it('says at the field when the unit typed is not in the building, and keeps nothing', async () => {
		const place = await makeWidgetEstate();
		const err = await thrown(() => sendWidgetRequest(place.widget, 'complaint', complaintForm(place, { room: '99Z' }), [], { ip: ip() }));
		expect(err).toBeInstanceOf(InputError);
		expect(err).toMatchObject({ field: 'room' });
		expect((err as unknown as InputError).message).toContain('99Z');
		expect(await db().select().from(widgetRequests).where(eq(widgetRequests.estateId, place.estate.id))).toHaveLength(0);
	});
});

describe('a public visitor’s repair through the widget', () => {
	it('sends the code by text message when only a phone is given, and files the repair unverified for the desk to call', async () => {
		const place = await makeWidgetEstate();
		// Ends in 0042: the last four digits that prove the case start with "00", which a phone
		// number's international prefix rule must not eat (it did, whenever the clock ended so).
		const phone = `6${String(Date.now()).slice(-3)}0042`;
		const form = complaintForm(place, {
			kindId: place.repairKind.id,
			email: '',
			phone,
			description: 'Water drips from the ceiling in the kitchen.'
		});
		const requestId = await sendWidgetRequest(place.widget, 'repair', form, [], { ip: ip() });
		expect((await widgetRequestStatus(place.widget, requestId)).codeChannel).toBe('sms');
		const code = await codeSentTo(phone);
		const [sms] = await db()
			.select()
			.from(outbox)
			.where(and(eq(outbox.recipient, phone), eq(outbox.channel, 'sms')));
		expect(sms).toBeDefined();
		await confirmWidgetRequest(place.widget, requestId, { code });
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.estateId, place.estate.id));
		expect(order).toMatchObject({
			channel: 'widget',
			verified: false,
			unitId: place.unit.id,
			occupancyId: null,
			requesterId: null,
			callToArrange: true,
			contactPhone: phone
		});
		const done = await widgetRequestStatus(place.widget, requestId);
		expect(done.reference).toMatch(/^R\d{6}$/);
		const tracked = await trackWidgetCase(place.widget, { trackingCode: done.trackingCode!, proof: phone.slice(-4) }, { ip: ip() });
		expect(tracked).toMatchObject({ type: 'repair', state: 'received' });
	});

	it('refuses a repair for a kind of complaint, and a widget that does not offer repairs', async () => {
		const place = await makeWidgetEstate();
		const err = await thrown(() => sendWidgetRequest(place.widget, 'repair', complaintForm(place), [], { ip: ip() }));
		expect(err).toMatchObject({ field: 'kindId' });
		const noRepairs = { ...place.widget, actions: place.widget.actions.filter((a) => a !== 'repair') };
		expect(
			await thrown(() => sendWidgetRequest(noRepairs, 'repair', complaintForm(place, { kindId: place.repairKind.id }), [], { ip: ip() }))
		).toMatchObject({
			status: 404
		});
	});
});

describe('the widget against spam, without a CAPTCHA', () => {
	it('refuses a filled honeypot, a form posted at once and a forged or stale time token, each with a message', async () => {
		const place = await makeWidgetEstate();
		const send = (overrides: Record<string, unknown>) =>
			thrown(() => sendWidgetRequest(place.widget, 'complaint', complaintForm(place, overrides), [], { ip: ip() }));
		expect(await send({ website: 'http://spam.example' })).toMatchObject({ field: 'website' });
		const atOnce = await send({ token: issueFormToken(place.widget, new Date()) });
		expect(atOnce).toBeInstanceOf(InputError);
		expect(atOnce).toMatchObject({ field: '' });
		const [issuedAt] = shownAMinuteAgo(place.widget).split('.');
		expect(await send({ token: `${issuedAt}.${'A'.repeat(32)}` })).toMatchObject({ field: '' });
		expect(await send({ token: issueFormToken(place.widget, new Date(Date.now() - 2 * 86_400_000)) })).toMatchObject({ field: '' });
		// Another estate's token is another estate's secret.
		const other = await makeWidgetEstate('Other Gardens');
		expect(await send({ token: shownAMinuteAgo(other.widget) })).toMatchObject({ field: '' });
		expect(await db().select().from(widgetRequests).where(eq(widgetRequests.estateId, place.estate.id))).toHaveLength(0);
	});

	it('lets an office’s first burst through, then slows 50 rapid sends from one address with a clear message, dropping none silently', async () => {
		const place = await makeWidgetEstate();
		const office = `192.0.2.${counter++ % 250}`;
		const sent: string[] = [];
		const slowed: InputError[] = [];
		for (let i = 0; i < 50; i++) {
			const email = `flood.${i}.${unique()}@example.com`;
			try {
				sent.push(await sendWidgetRequest(place.widget, 'complaint', complaintForm(place, { email }), [], { ip: office }));
			} catch (err) {
				expect(err).toBeInstanceOf(InputError);
				slowed.push(err as InputError);
			}
		}
		expect(sent).toHaveLength(20);
		expect(slowed).toHaveLength(30);
		expect(slowed.every((err) => err.field === '' && /\d+ min/.test(err.message))).toBe(true);
		// Every send that passed is held with its code on its way; nothing else was kept.
		expect(await db().select().from(widgetRequests).where(eq(widgetRequests.estateId, place.estate.id))).toHaveLength(20);
		// Another address (another office) is not held up by the flood.
		await sendWidgetRequest(place.widget, 'complaint', complaintForm(place), [], { ip: ip() });
	});

	it('sends one address at most 3 codes in a quarter of an hour, a new code at most once a minute', async () => {
		const place = await makeWidgetEstate();
		const email = `again.${unique()}@example.com`;
		const first = await sendWidgetRequest(place.widget, 'complaint', complaintForm(place, { email }), [], { ip: ip() });
		expect(await thrown(() => resendWidgetCode(place.widget, first, { ip: ip() }))).toMatchObject({ field: '' });
		await resendWidgetCode(place.widget, first, { ip: ip(), now: new Date(Date.now() + 61_000) });
		await sendWidgetRequest(place.widget, 'complaint', complaintForm(place, { email }), [], { ip: ip() });
		const fourth = await thrown(() => sendWidgetRequest(place.widget, 'complaint', complaintForm(place, { email }), [], { ip: ip() }));
		expect(fourth).toMatchObject({ field: '' });
	});

	it('stops a code after five wrong tries; a new code works', async () => {
		const place = await makeWidgetEstate();
		const form = complaintForm(place);
		const requestId = await sendWidgetRequest(place.widget, 'complaint', form, [], { ip: ip() });
		const code = await codeSentTo(form.email);
		const wrong = code === '000000' ? '111111' : '000000';
		for (let i = 0; i < 5; i++) await thrown(() => confirmWidgetRequest(place.widget, requestId, { code: wrong }));
		expect(await thrown(() => confirmWidgetRequest(place.widget, requestId, { code }))).toMatchObject({ field: 'code' });
		await resendWidgetCode(place.widget, requestId, { ip: ip(), now: new Date(Date.now() + 61_000) });
		await db()
			.delete(outbox)
			.where(and(eq(outbox.recipient, form.email), like(outbox.body, `%${code}%`)));
		await confirmWidgetRequest(place.widget, requestId, { code: await codeSentTo(form.email) });
		expect((await widgetRequestStatus(place.widget, requestId)).confirmed).toBe(true);
	});

	it('answers 404 for another estate’s request id', async () => {
		const place = await makeWidgetEstate();
		const other = await makeWidgetEstate('Other Gardens');
		const requestId = await sendWidgetRequest(place.widget, 'complaint', complaintForm(place), [], { ip: ip() });
		expect(await thrown(() => widgetRequestStatus(other.widget, requestId))).toMatchObject({ status: 404 });
		expect(await thrown(() => confirmWidgetRequest(other.widget, requestId, { code: '123456' }))).toMatchObject({ status: 404 });
	});
});
