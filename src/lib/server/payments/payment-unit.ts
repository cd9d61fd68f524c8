/**
 * The unit a payment is filed under: its own — or, for a company's payment of several units'
 * bills (payments.company_id, no unit of its own), the unit of its first bill. A company payment
 * pays bills of one estate only (service.ts startCompanyPayment), so this unit's estate is the
 * payment's estate: where staff see it, its zone, where finance reconciles it.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';

/** The expression, for a payments row whose id and unit_id columns are given (a table, an alias or `p.id`). */
export function paymentUnitSql(payment: { id: AnyColumn | SQL; unitId: AnyColumn | SQL }): SQL {
	return sql`coalesce(${payment.unitId}, (select pu_b.unit_id from payment_allocations pu_pa join bills pu_b on pu_b.id = pu_pa.bill_id
		where pu_pa.payment_id = ${payment.id} order by pu_b.seq limit 1))`;
}

/** The zone of the payment's estate (see above): the day its money came in is that estate's. */
export async function paymentZone(executor: Executor, paymentId: string): Promise<{ id: string; timeZone: string }> {
	const [row] = await queryRows<{ id: string; time_zone: string }>(
		executor,
		sql`select e.id, e.time_zone from payments p join units u on u.id = ${paymentUnitSql({ id: sql`p.id`, unitId: sql`p.unit_id` })}
			join estates e on e.id = u.estate_id where p.id = ${paymentId}::uuid`
	);
	if (!row) throw new Error(`paymentZone: no unit for payment ${paymentId}`);
	return { id: row.id, timeZone: row.time_zone };
}
