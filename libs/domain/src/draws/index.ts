export * from './draw-algorithm.js';
export * from './draw-campaign.js';
export * from './draw-verify.js';
export * from './draw-register.js';
export * from './draw-reveal.js';
