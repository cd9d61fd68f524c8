// The figures a customer's grade is computed from (rule 11; customers/rating.ts weighs each):
// pages and server, and the schema's stored reasons.
export const ratingCriteria = ['arrears_history', 'complaints', 'area_leased', 'tenure', 'survey_scores'] as const;
export type RatingCriterion = (typeof ratingCriteria)[number];

// The grades a customer may have, best first; the office's bands say which score earns which.
export const customerGrades = ['A', 'B', 'C', 'D'] as const;
export type CustomerGrade = (typeof customerGrades)[number];
