export * from './source';
export * from './diagnostic';
export * from './policy';
export * from './request';
export * from './decision';
export * from './arn';
export * from './operators';
export * from './values';
