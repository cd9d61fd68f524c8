import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Timeline from './Timeline.svelte';
import When from './When.svelte';
import { DEFAULT_TIME_ZONE } from '#lib/time/zone.ts';

const entry = {
	id: 1,
	at: new Date('2026-12-02T02:18:00Z'),
	kind: 'reply_promised' as const,
	from: 'received',
	to: 'received',
	note: '',
	data: { promisedReplyBy: '2026-12-02T07:00:00.000Z' },
	actorName: 'Desk Daisy'
};

/** The text a person reads (attributes such as datetime= stay in UTC, for machines). */
const shown = (html: string) => html.replace(/<[^>]*>/g, '');

describe('times on the staff repair page', () => {
	it('show an event at 02:18 UTC as 10:18 for a Hong Kong estate, whatever the server’s zone', () => {
		const text = shown(render(Timeline, { props: { entries: [entry], timeZone: DEFAULT_TIME_ZONE } }).body);
		expect(text).toContain('10:18');
		expect(text).not.toContain('02:18');
		// The promised reply time in the event's data is read in the estate's zone too (07:00Z = 15:00 HKT).
		expect(text).toContain('15:00');
	});

	it('show the same instant in another estate’s own zone', () => {
		const { body } = render(When, { props: { value: entry.at, timeZone: 'Europe/London' } });
		expect(shown(body)).toContain('02:18');
		expect(body).toContain('datetime="2026-12-02T02:18:00.000Z"');
	});
});
