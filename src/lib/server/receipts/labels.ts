/**
 * The fixed words printed on a receipt, from the Paraglide catalogue (messages/receipts). A
 * receipt prints two languages at once (the reader's and English), so each is rendered with an
 * explicit locale rather than the request's.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';

export interface ReceiptLabels {
	company: string;
	title: string;
	receiptNo: string;
	issuedAt: string;
	estate: string;
	unit: string;
	payer: string;
	method: string;
	item: string;
	amount: string;
	total: string;
	received: string;
	footer: string;
	page: (page: number, pages: number) => string;
	methods: Record<string, string>;
}

export function receiptLabels(locale: Locale): ReceiptLabels {
	const o = { locale };
	return {
		company: m.receipts_company({}, o),
		title: m.receipts_title({}, o),
		receiptNo: m.receipts_receipt_no({}, o),
		issuedAt: m.receipts_issued_at({}, o),
		estate: m.receipts_estate({}, o),
		unit: m.receipts_unit({}, o),
		payer: m.receipts_payer({}, o),
		method: m.receipts_method({}, o),
		item: m.receipts_item({}, o),
		amount: m.receipts_amount({}, o),
		total: m.receipts_total({}, o),
		received: m.receipts_received({}, o),
		footer: m.receipts_footer({}, o),
		page: (page, pages) => m.receipts_page({ page, pages }, o),
		methods: {
			cash: m.receipts_method_cash({}, o),
			bank_transfer: m.receipts_method_bank_transfer({}, o),
			pos: m.receipts_method_pos({}, o),
			card: m.receipts_method_card({}, o),
			alipay: m.receipts_method_alipay({}, o),
			wechat_pay: m.receipts_method_wechat_pay({}, o),
			cheque: m.receipts_method_cheque({}, o),
			online: m.receipts_method_online({}, o)
		}
	};
}

/** The languages a receipt is printed in: the reader's first, then English (Chinese for an English reader). */
export function receiptLanguages(locale: Locale): [Locale, Locale] {
	return locale === 'en' ? ['en', 'zh-Hant'] : [locale, 'en'];
}
