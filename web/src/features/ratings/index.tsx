// The ratings feature's door: its declaration for the registry, and what other features may use.
export { feature } from './ratings.feature.tsx';

// The door for other features (the door lint allows no other way in): what they use of the ratings feature.
export { indicatorName } from './format.ts';
export { LEVEL_ICON, RatingForm, levelLabel, useRatingOptions } from './RatingForm.tsx';
