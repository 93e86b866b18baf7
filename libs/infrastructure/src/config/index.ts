export * from './config-discovery';
export * from './config-document';
export * from './config-parser';
export * from './config.errors';
export * from './config-renderer';
export * from './env-substitution';
export * from './file-config-source.adapter';
export * from './observability.schema';
