// Names the server needs before the language service is loaded (the service bundle is loaded lazily).
// Kept equal to the service's CONFIG_FILE and FIX_ALL_KIND by a test.

/** The workspace file. */
export const CONFIG_FILE_NAME = '.sysdig-mesos.json';
/** The "fix all" source action kind. */
export const FIX_ALL_KIND = 'source.fixAll.sysdig-mesos';
