/** What renovation works may touch (schema/renovations.ts renovation_work), for forms and the server alike. */
export const renovationWorks = [
	'walls',
	'electrical',
	'plumbing',
	'hot_work',
	'facade',
	'flooring',
	'ceiling',
	'hvac',
	'fire_systems',
	'waterproofing'
] as const;
