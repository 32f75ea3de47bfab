import type { TongbanModule } from '../../platform/module.ts';
import { mandatesRoutes } from './mandates.routes.ts';
import { seedDemoMandates } from './mandates.demo.ts';

export { mandateErrors } from './mandates.errors.ts';
export {
  activeMandate,
  listGranted,
  listReceived,
  grantMandate,
  recordMandate,
  revokeMandate,
  MAX_MANDATE_DAYS,
  type ActiveMandate,
} from './mandates.service.ts';
export { mandateInForceSql } from './mandates.in-force.ts';
export type { MandateView, GrantInput, RecordInput } from './mandates.types.ts';
export { mandatesRoutes } from './mandates.routes.ts';

/** Mandates (委托授权): a person or organisation lets an agent apply on its behalf. */
export const mandatesModule: TongbanModule = {
  name: 'mandates',
  routes: mandatesRoutes,
  seedDemo: seedDemoMandates,
  tables: ['mandate'],
  // Migration 0030: whether an agent may still act on the cases it filed (cases.agent.ts).
  publishedViews: ['pub_mandates_mandate'],
};
