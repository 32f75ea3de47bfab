// The exchange feature's door: its declaration for the registry.
export { feature } from './exchange.feature.tsx';
