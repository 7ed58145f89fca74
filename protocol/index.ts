// The contract between control plane, edge agent and browser runtime. Pure: no I/O, no node: imports.
export * from './errors.ts';
export * from './envelope.ts';
export * from './labels.ts';
export * from './selector.ts';
export * from './tensors.ts';
export * from './models.ts';
export * from './canonical-json.ts';
export * from './fleet.ts';
export * from './device-state.ts';
export * from './topics.ts';
export * from './assignments.ts';
export * from './fleet-config.ts';
