// The staff inbox, the audit log and the outbox show times rendered on the server in the zone the
// load passes (DEFAULT_TIME_ZONE: these rows belong to no estate), never the machine's own zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import DateText from '#lib/components/DateText.svelte';
import InboxList from '#lib/components/notify/InboxList.svelte';
import AuditPage from './audit/+page.svelte';
import OutboxPage from './outbox/+page.svelte';
import OutboxMessagePage from './outbox/[id]/+page.svelte';

// 10:18 in Hong Kong is 02:18 UTC, and 22:18 the day before in New York.
const at = new Date('2026-03-02T02:18:00Z');
const machineZone = process.env.TZ;

beforeAll(() => {
	// A server far from the estates: nothing may read the machine's zone.
	process.env.TZ = 'America/New_York';
});
afterAll(() => {
	process.env.TZ = machineZone;
});

/** What a person reads: markup comments and the machine-readable datetime attribute left out. */
const html = (body: string) => body.replace(/<!--.*?-->/g, '').replace(/ datetime="[^"]*"/g, '');

describe('times read in the zone they belong to', () => {
	it('renders an instant in the zone passed in, and a business date as the date itself', () => {
		expect(html(render(DateText, { props: { value: at, timeZone: DEFAULT_TIME_ZONE, withTime: true } }).body)).toContain('10:18');
		expect(html(render(DateText, { props: { value: at, timeZone: 'UTC', withTime: true } }).body)).toContain('02:18');
		expect(html(render(DateText, { props: { value: '2026-03-02' } }).body)).toMatch(/>Mar 2, 2026</);
	});

	it('shows 10:18 Hong Kong time as 10:18 in the audit log, not 02:18', () => {
		const entry = {
			key: 'a1',
			source: 'audit' as const,
			at,
			timeZone: DEFAULT_TIME_ZONE,
			actorName: 'Ada',
			group: 'admin' as const,
			subjectType: 'outbox',
			code: 'outbox.read',
			fromState: null,
			toState: null,
			note: '',
			data: {},
			estates: [],
			subject: null
		};
		const filters = { person: '', group: '', estate: '', from: '', to: '' };
		const { body } = render(AuditPage, {
			props: {
				data: { entries: [entry], next: null, paged: false, estates: [], people: [], groups: [], filters, timeZone: DEFAULT_TIME_ZONE },
				params: {}
			} as never
		});
		expect(html(body)).toContain('10:18');
		expect(html(body)).not.toContain('02:18');
	});

	it('shows 10:18 in the outbox list and on a message page', () => {
		const message = {
			id: '00000000-0000-4000-8000-000000000001',
			channel: 'email' as const,
			recipient: 'r@example.test',
			subject: 'Hello',
			createdAt: at,
			sentAt: at,
			error: null
		};
		const list = render(OutboxPage, {
			props: { data: { messages: [message], next: null, paged: false, timeZone: DEFAULT_TIME_ZONE }, params: {} } as never
		});
		expect(html(list.body)).toContain('10:18');
		const one = render(OutboxMessagePage, {
			props: { data: { message: { ...message, timeZone: DEFAULT_TIME_ZONE } }, form: null, params: {} } as never
		});
		expect(html(one.body)).toContain('10:18');
		expect(html(one.body)).not.toContain('02:18');
	});

	it('shows 10:18 in the inbox', () => {
		const item = { id: '00000000-0000-4000-8000-000000000002', title: 'A', body: 'B', createdAt: at, read: false };
		const { body } = render(InboxList, {
			props: { items: [item], next: null, paged: false, unread: 1, intro: '', timeZone: DEFAULT_TIME_ZONE }
		});
		expect(html(body)).toContain('10:18');
		expect(html(body)).not.toContain('02:18');
	});
});
