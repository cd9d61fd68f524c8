/**
 * Complaints the actor may open (complaints/access.ts visibleComplaints: the desk every complaint
 * of its estates, a department those passed to it): by reference (C000123), or — open ones, the
 * ones a caller rings about — by the phone or email the complainant gave, which is how a public
 * visitor without an account is found.
 */
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { can } from '../auth/guards.ts';
import { complaints, estates } from '../db/schema/index.ts';
import { phoneKeySql } from '../kernel/phone-key-sql.ts';
import { visibleComplaints } from '../complaints/access.ts';
import { openComplaintStates } from '../complaints/machine.ts';
import { complaintReference } from '../complaints/notices.ts';
import type { Finder } from './finder.ts';

const DETAIL_LENGTH = 80;

export const complaintFinder: Finder<'complaints'> = {
	kind: 'complaints',
	mayUse: (actor) => can(actor, ['complaints.read', 'complaints.resolve']),
	async find(executor, actor, query, limit) {
		if (!can(actor, ['complaints.read', 'complaints.resolve'])) return [];
		const wanted: SQL[] = [];
		if (query.reference?.letter === 'C') wanted.push(eq(complaints.seq, query.reference.seq));
		const open = inArray(complaints.state, [...openComplaintStates]);
		if (query.phone) wanted.push(and(open, sql`${phoneKeySql(complaints.phone)} = ${query.phone}`)!);
		if (query.email) wanted.push(and(open, sql`lower(${complaints.email}) = ${query.email}`)!);
		if (wanted.length === 0) return [];
		const rows = await executor
			.select({
				id: complaints.id,
				seq: complaints.seq,
				state: complaints.state,
				content: complaints.content,
				complainantName: complaints.complainantName,
				locationDetail: complaints.locationDetail,
				estateName: estates.name
			})
			.from(complaints)
			.innerJoin(estates, eq(estates.id, complaints.estateId))
			.where(and(await visibleComplaints(executor, actor), or(...wanted)))
			.orderBy(desc(complaints.createdAt), desc(complaints.id))
			.limit(limit + 1);
		return rows.map((row) => ({
			key: row.id,
			href: `/staff/complaints/${row.id}`,
			title: `${complaintReference(row)} · ${row.complainantName}`,
			place: [row.estateName, row.locationDetail].filter(Boolean).join(' · '),
			detail: row.content.length > DETAIL_LENGTH ? `${row.content.slice(0, DETAIL_LENGTH)}…` : row.content,
			tag: { kind: 'complaint' as const, state: row.state }
		}));
	}
};
