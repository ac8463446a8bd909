export * from './barrier';
export * from './config';
export * from './database';
export * from './kafka';
export * from './lifecycle';
export * from './logger';
export * from './participant';
export * from './participant-service';
