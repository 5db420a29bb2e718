/** Mesos and Marathon over HTTP, for the CLI and (later) the VS Code extension. Not used by the service. */
export * from './errors';
export * from './http';
export * from './mesos';
export * from './marathon';
export * from './deploy/index';
