/** Mesos and Marathon over HTTP, for the CLI and the language server's cluster requests. Not used by the service. */
export * from './errors';
export * from './http';
export * from './mesos';
export * from './marathon';
export * from './check';
export * from './deploy/index';
export { readTaskLog, locateTaskLog, type LogStream, type TaskLogRequest, type TaskLogResult, type TaskLogSource } from './task-log';
