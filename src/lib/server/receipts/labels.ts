/**
 * The fixed words printed on a receipt, in the three languages. A receipt prints two languages at
 * once (the reader's and English), so these are looked up per locale rather than through the
 * request's Paraglide locale.
 */
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

export const RECEIPT_LABELS: Record<Locale, ReceiptLabels> = {
	en: {
		company: 'Lobby Property Management',
		title: 'Receipt',
		receiptNo: 'Receipt No.',
		issuedAt: 'Issued',
		estate: 'Estate',
		unit: 'Unit',
		payer: 'Received from',
		method: 'Payment method',
		item: 'Item',
		amount: 'Amount',
		total: 'Total received',
		received: 'Received with thanks.',
		footer: 'This receipt is computer-generated and needs no signature.',
		page: (page, pages) => `Page ${page} of ${pages}`,
		methods: {
			cash: 'Cash',
			bank_transfer: 'Bank transfer',
			pos: 'Card terminal (POS)',
			card: 'Card',
			alipay: 'Alipay',
			wechat_pay: 'WeChat Pay',
			cheque: 'Cheque'
		}
	},
	'zh-Hant': {
		company: '樂比物業管理',
		title: '收據',
		receiptNo: '收據編號',
		issuedAt: '發出日期',
		estate: '屋苑',
		unit: '單位',
		payer: '付款人',
		method: '付款方式',
		item: '項目',
		amount: '金額',
		total: '實收合計',
		received: '上列款項經已收妥，謹此致謝。',
		footer: '此收據由電腦系統發出，毋須簽署。',
		page: (page, pages) => `第 ${page} 頁，共 ${pages} 頁`,
		methods: {
			cash: '現金',
			bank_transfer: '銀行轉賬',
			pos: '刷卡（POS）',
			card: '信用卡／扣賬卡',
			alipay: '支付寶',
			wechat_pay: '微信支付',
			cheque: '支票'
		}
	},
	'zh-Hans': {
		company: '乐比物业管理',
		title: '收据',
		receiptNo: '收据编号',
		issuedAt: '开具日期',
		estate: '小区',
		unit: '房号',
		payer: '付款人',
		method: '付款方式',
		item: '项目',
		amount: '金额',
		total: '实收合计',
		received: '上列款项已收讫，谨此致谢。',
		footer: '本收据由系统自动生成，无需签章。',
		page: (page, pages) => `第 ${page} 页，共 ${pages} 页`,
		methods: {
			cash: '现金',
			bank_transfer: '银行转账',
			pos: '刷卡（POS）',
			card: '银行卡',
			alipay: '支付宝',
			wechat_pay: '微信支付',
			cheque: '支票'
		}
	}
};

/** The languages a receipt is printed in: the reader's first, then English (Chinese for an English reader). */
export function receiptLanguages(locale: Locale): [Locale, Locale] {
	return locale === 'en' ? ['en', 'zh-Hant'] : [locale, 'en'];
}
