export * from './read';
export * from './table';
export * from './write';
