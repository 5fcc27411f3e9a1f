export * from './hlc';
export * from './protocol';
export * from './merge';
export * from './registry';
export * from './replica';
