export * from './weights';
export * from './stylegan2/index';
export * from './mapper/index';
export * from './clip/index';
export * from './irse/index';
export * from './arcface/index';
export * from './e4e/index';
