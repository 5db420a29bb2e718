import { uriProblemRule } from './uri-problem-rule';

export const uriCredentialsFormat = uriProblemRule({
  id: 'uri-credentials-format',
  codes: ['userinfo-no-colon', 'userinfo-chars'],
  title: 'Credentials in a URI the agent cannot read',
  docs:
    'Credentials in a Mesos or Marathon URI must be `user:password@`: the agent rejects user-info without a colon ("Invalid credentials format.") and any character outside letters, digits and `-_.!~*\'()%;:&=+$,` — so `@ / ? # [ ]` or a space in a password cannot be written in the URI at all. In `marathon_uris` the agent stops at start-up (error); in `mesos_state_uri` the value is ignored (warning). Put such credentials in `mesos_user`/`mesos_password` or `marathon_user`/`marathon_password` instead.',
});
