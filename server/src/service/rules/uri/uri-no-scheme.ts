import { uriProblemRule } from './uri-problem-rule';

export const uriNoScheme = uriProblemRule({
  id: 'uri-no-scheme',
  codes: ['no-scheme', 'scheme-chars', 'empty'],
  title: 'Mesos or Marathon URI without `http://`',
  docs:
    'The agent\'s URI parser needs a scheme: `10.0.0.1:5050` or `master.mesos:8080` is not a URI to it. In `marathon_uris` such an item stops the agent at start-up ("Invalid URI"), so it is an error; in `mesos_state_uri` the agent logs "Error setting Mesos URI", ignores the value and falls back to autodetection, so it is a warning. Write `http://10.0.0.1:5050`.',
});
