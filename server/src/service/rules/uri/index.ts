import type { Rule } from '../rule';
import { httpsUnsupported } from './https-unsupported';
import { marathonUriPath } from './marathon-uri-path';
import { marathonUrisNotList } from './marathon-uris-not-list';
import { mesosUriCredentials } from './mesos-uri-credentials';
import { mesosUriPath } from './mesos-uri-path';
import { mesosUriPort } from './mesos-uri-port';
import { multipleMarathonUris } from './multiple-marathon-uris';
import { uriCredentialsFormat } from './uri-credentials-format';
import { uriHostUnderscore } from './uri-host-underscore';
import { uriInvalid } from './uri-invalid';
import { uriNoScheme } from './uri-no-scheme';
import { uriPercentEncoding } from './uri-percent-encoding';
import { uriScheme } from './uri-scheme';

/** Rules over `mesos_state_uri` and `marathon_uris`, read with the agent's own URI grammar. */
export const URI_RULES: Rule[] = [
  httpsUnsupported,
  multipleMarathonUris,
  marathonUrisNotList,
  uriNoScheme,
  uriScheme,
  uriHostUnderscore,
  uriCredentialsFormat,
  uriInvalid,
  uriPercentEncoding,
  marathonUriPath,
  mesosUriPort,
  mesosUriPath,
  mesosUriCredentials,
];
