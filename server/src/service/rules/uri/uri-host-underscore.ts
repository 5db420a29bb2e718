import { uriProblemRule } from './uri-problem-rule';

export const uriHostUnderscore = uriProblemRule({
  id: 'uri-host-underscore',
  codes: ['host-underscore'],
  title: 'Underscore in the host name of a Mesos or Marathon URI',
  docs:
    'The agent\'s URI parser accepts only letters, digits, `.` and `-` in a host name, so a host such as `mesos_master` makes the whole URI invalid even though it may resolve on your network. In `marathon_uris` this stops the agent at start-up (error); in `mesos_state_uri` the setting is ignored and autodetection is used (warning). Use the IP address or a DNS name without `_`.',
});
