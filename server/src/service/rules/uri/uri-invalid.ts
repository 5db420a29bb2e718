import { uriProblemRule } from './uri-problem-rule';

export const uriInvalid = uriProblemRule({
  id: 'uri-invalid',
  codes: ['host-chars', 'host-empty', 'port', 'fragment'],
  title: 'Mesos or Marathon URI the agent cannot parse',
  docs:
    'Other ways a URI fails the agent\'s strict parser: characters other than letters, digits, `.` and `-` in the host, a missing host, a port that is not a number up to 65535, a `#fragment`. In `marathon_uris` the agent stops at start-up (error); in `mesos_state_uri` the value is ignored and autodetection is used (warning).',
});
