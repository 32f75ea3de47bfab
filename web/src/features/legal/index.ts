// The rule-of-law feature's door.
export { feature } from './legal.feature.tsx';
