// Learning-rate schedulers (torch.optim.lr_scheduler). Imported only by those who use them: the
// gradient-descent core does not depend on this folder.
export { LRScheduler, type SchedulerState } from './scheduler.js';
export { StepLR, MultiStepLR, ExponentialLR, type StepLROptions, type MultiStepLROptions, type ExponentialLROptions } from './step.js';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './cosine.js';
export { LinearLR, type LinearLROptions } from './linear.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './plateau.js';
