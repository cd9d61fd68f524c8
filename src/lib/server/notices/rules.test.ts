import { describe, expect, it } from 'vitest';
import { noticeText } from '#lib/notices/text.ts';
import type { Executor } from '../db/client.ts';
import { audienceSql } from './audience.ts';
import { noticeMachine } from './machine.ts';
import { noticeStatus } from './status.ts';

const office = new Set(['office'] as const);
const system = new Set(['system'] as const);

describe('a notice’s life cycle', () => {
	it('is published by the office at once or by the job at its time, and withdrawn by the office', () => {
		expect(noticeMachine.open('draft', office)).toEqual(['edit', 'schedule', 'publish', 'withdraw']);
		expect(noticeMachine.open('scheduled', office)).toEqual(['edit', 'reschedule', 'unschedule', 'publish', 'withdraw']);
		expect(noticeMachine.open('scheduled', system)).toEqual(['publish']);
		expect(noticeMachine.open('published', office)).toEqual(['remind', 'withdraw']);
		expect(noticeMachine.open('withdrawn', office)).toEqual([]);
		expect(noticeMachine.next('published', 'remind', office)).toBe('published');
		expect(noticeMachine.can('published', 'withdraw', system)).toBe(false);
	});

	it('is edited and its time moved only before it is sent: a published or withdrawn notice stays as it was', () => {
		expect(noticeMachine.next('draft', 'edit', office)).toBe('draft');
		expect(noticeMachine.next('scheduled', 'edit', office)).toBe('scheduled');
		expect(noticeMachine.next('scheduled', 'reschedule', office)).toBe('scheduled');
		expect(noticeMachine.next('scheduled', 'unschedule', office)).toBe('draft');
		for (const state of ['published', 'withdrawn'] as const)
			for (const action of ['edit', 'reschedule', 'unschedule'] as const) expect(noticeMachine.can(state, action, office)).toBe(false);
		expect(noticeMachine.can('draft', 'reschedule', office)).toBe(false);
		expect(noticeMachine.can('scheduled', 'edit', system)).toBe(false);
	});

	it('is expired, not a state, once a published notice is past its expiry', () => {
		const expiresAt = new Date('2026-12-05T10:00:00Z');
		expect(noticeStatus({ state: 'published', expiresAt }, new Date('2026-12-05T09:59:59Z'))).toBe('published');
		expect(noticeStatus({ state: 'published', expiresAt }, expiresAt)).toBe('expired');
		expect(noticeStatus({ state: 'withdrawn', expiresAt }, expiresAt)).toBe('withdrawn');
	});
});

describe('a notice’s text', () => {
	const texts = { en: 'Lift maintenance', 'zh-Hant': '', 'zh-Hans': '电梯保养' };

	it('is the reader’s own language when written', () => {
		expect(noticeText(texts, 'en')).toEqual({ text: 'Lift maintenance', locale: 'en', fallback: false });
		expect(noticeText(texts, 'zh-Hans')).toEqual({ text: '电梯保养', locale: 'zh-Hans', fallback: false });
	});

	it('falls back visibly: the other Chinese script first, then English', () => {
		expect(noticeText(texts, 'zh-Hant')).toEqual({ text: '电梯保养', locale: 'zh-Hans', fallback: true });
		expect(noticeText({ ...texts, 'zh-Hans': '' }, 'zh-Hant')).toEqual({ text: 'Lift maintenance', locale: 'en', fallback: true });
		expect(noticeText({ en: '', 'zh-Hant': '電梯保養', 'zh-Hans': '' }, 'en')).toMatchObject({ locale: 'zh-Hant', fallback: true });
	});
});

describe('a notice’s audience', () => {
	it('names no unit without a line, and some with one', async () => {
		const within = { executor: {} as Executor, estateId: '00000000-0000-4000-8000-000000000002', todays: new Map() };
		expect(await audienceSql([], within)).toBeNull();
		expect(await audienceSql([{ kind: 'floor', targetId: '00000000-0000-4000-8000-000000000001' }], within)).not.toBeNull();
	});
});
