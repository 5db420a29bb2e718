// A named cluster as the editor's requests carry it (issue 13 §2) → the URIs every cluster request already takes:
// the list's addresses with the credentials from VS Code's SecretStorage as user-info (the user from the secret, else
// the list's mesosUser/marathonUser). The dragent.yaml is not read for it: its credentials are the agent's, and its
// cluster may be another one. No network, no undici: the requests' bundles share it.
import { uriWithCredentials } from '../service/clusters';
import type { NamedClusterParams } from './constants';

export const SET_CLUSTER_CREDENTIALS = 'the command "Sysdig Mesos: Set Cluster Credentials…"';

type Cred = { user: string; password: string };

function cred(stored: Cred | undefined, listUser: string | undefined): Cred | undefined {
  const user = typeof stored?.user === 'string' && stored.user !== '' ? stored.user : listUser;
  if (!user) return undefined;
  return { user, password: typeof stored?.password === 'string' ? stored.password : '' };
}

export function namedTarget(n: NamedClusterParams): { mesos: string; marathon: string; hints: { mesos: string; marathon: string }; credentials: Cred[] } {
  if (!n || typeof n.name !== 'string' || typeof n.mesos !== 'string' || typeof n.marathon !== 'string') throw new Error('a named cluster needs name, mesos and marathon');
  const mesos = cred(n.credentials?.mesos, n.mesosUser);
  const marathon = cred(n.credentials?.marathon, n.marathonUser);
  const hint = `${SET_CLUSTER_CREDENTIALS} for ${n.name}`;
  return {
    mesos: uriWithCredentials(n.mesos, mesos),
    marathon: uriWithCredentials(n.marathon, marathon),
    hints: { mesos: hint, marathon: hint },
    credentials: [mesos, marathon].filter((c): c is Cred => !!c),
  };
}
