/**
 * The annual satisfaction survey of rule 7 as a template: service quality (overall, and a rating
 * grid over the service areas, with "what went wrong?" under a low score), price, the company's
 * evaluation (NPS, what to improve first) and free text. Seeded into the survey templates, which
 * an admin edits as data; this is only where a fresh installation starts.
 */
import type { SurveyDefinition } from './definition.ts';

const t = (en: string, zhHans: string, zhHant: string) => ({ en, zhHans, zhHant });

export const ANNUAL_SURVEY_CODE = 'annual_satisfaction';

export const annualSurveyTitle = t('Annual satisfaction survey', '年度顾客满意度调查', '年度顧客滿意度調查');

export const annualSurvey: SurveyDefinition = {
	sections: [
		{
			id: 'service',
			title: t('Service quality', '服务质量', '服務質素'),
			questions: [
				{
					id: 'overall',
					kind: 'satisfaction',
					required: true,
					text: t(
						'Overall, how satisfied are you with our management services?',
						'总体而言，您对我们的物业管理服务满意吗？',
						'整體而言，您對我們的物業管理服務滿意嗎？'
					)
				},
				{
					id: 'overall_why',
					kind: 'text',
					required: false,
					maxLength: 2000,
					showIf: { question: 'overall', below: 3 },
					text: t('What went wrong?', '哪些方面做得不好？', '哪些方面做得不好？')
				},
				{
					id: 'areas',
					kind: 'grid',
					required: true,
					text: t('How satisfied are you with each service?', '您对以下各项服务的满意程度？', '您對以下各項服務的滿意程度？'),
					rows: [
						{ id: 'customer_service', text: t('Customer service', '客户服务', '客戶服務') },
						{ id: 'repairs', text: t('Repairs', '维修', '維修') },
						{ id: 'security', text: t('Security', '保安', '保安') },
						{ id: 'cleaning', text: t('Cleaning', '清洁', '清潔') },
						{ id: 'greening', text: t('Greening', '绿化', '綠化') },
						{ id: 'value', text: t('Value for the fees', '收费物有所值', '收費物有所值') }
					]
				}
			]
		},
		{
			id: 'price',
			title: t('Price', '价格', '價格'),
			questions: [
				{
					id: 'fees_level',
					kind: 'single',
					required: true,
					text: t('The management fee is…', '您认为管理费…', '您認為管理費…'),
					choices: [
						{ id: 'too_high', text: t('Too high', '过高', '過高') },
						{ id: 'about_right', text: t('About right', '合理', '合理') },
						{ id: 'low', text: t('Low for what we get', '相对服务而言偏低', '相對服務而言偏低') }
					]
				}
			]
		},
		{
			id: 'company',
			title: t('The company', '公司评价', '公司評價'),
			questions: [
				{
					id: 'recommend',
					kind: 'nps',
					required: true,
					text: t(
						'How likely are you to recommend us to a friend or a business partner?',
						'您向朋友或业务伙伴推荐我们的可能性有多大？',
						'您向朋友或業務夥伴推薦我們的可能性有多大？'
					)
				},
				{
					id: 'improve',
					kind: 'multiple',
					required: false,
					text: t('What should we improve first?', '我们应优先改进哪些方面？', '我們應優先改進哪些方面？'),
					choices: [
						{ id: 'response', text: t('Response times', '响应速度', '回應速度') },
						{ id: 'communication', text: t('Communication', '沟通', '溝通') },
						{ id: 'facilities', text: t('Common facilities', '公共设施', '公共設施') },
						{ id: 'fees', text: t('Fees and billing', '收费与账单', '收費與賬單') }
					]
				}
			]
		},
		{
			id: 'comments',
			title: t('Anything else', '其他意见', '其他意見'),
			questions: [
				{
					id: 'comments',
					kind: 'text',
					required: false,
					maxLength: 4000,
					text: t('Your comments and suggestions', '您的意见和建议', '您的意見和建議')
				}
			]
		}
	]
};
