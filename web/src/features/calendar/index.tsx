// The calendar feature's door: its declaration for the registry, and what other features may use.
export { feature } from './calendar.feature.tsx';
