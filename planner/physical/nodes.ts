import type { PhysicalPlanBase } from './plan.js';
/** placeholder until the relational planner lands its node union */
export type PhysicalPlan = PhysicalPlanBase;
