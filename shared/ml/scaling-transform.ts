import { Type, type Static } from '@sinclair/typebox';

/**
 * How a forecaster scales prices and its other inputs before it learns: `asinh`, epftoolbox's
 * asinh-median (the published models'), or `npit`, each column through the empirical distribution
 * of the days it learns from and then the normal quantile (Uniejewski, Weron and Ziel 2018). LEAR
 * and the networks offer the same two.
 */
export const ScalingTransform = Type.Union([Type.Literal('asinh'), Type.Literal('npit')]);
export type ScalingTransform = Static<typeof ScalingTransform>;
