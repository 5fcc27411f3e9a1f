export * from './common';
export * from './roster';
export * from './meeting';
export * from './signoff';
export * from './p2p';
