export { mandateErrors } from './mandates.errors.ts';
export { activeMandate, listGranted, listReceived, grantMandate, recordMandate, revokeMandate, MAX_MANDATE_DAYS, type ActiveMandate } from './mandates.service.ts';
export type { MandateView, GrantInput, RecordInput } from './mandates.types.ts';
export { mandatesRoutes } from './mandates.routes.ts';
