/**
 * How user-facing texts (rule docs, messages, hovers, the effective dragent.yaml's notes) cite a fact: by a source
 * the user can open, never by our research notes (../shared/docs/agent-dragent.md, which code comments cite; its §0
 * names each public source, S1…S8). test/unit/public-citations.test.ts keeps the notes out of what users see.
 */

/**
 * The agent image's entrypoint (agent-dragent.md S2): the closed agent's history is public only in the
 * zjuzzb/agent-libs mirror. Not draios/sysdig's `docker/docker-entrypoint.sh`, which is the sysdig CLI image's
 * (it installs the probe and nothing else).
 */
export const ENTRYPOINT_SOURCE = '`docker/docker-entrypoint.sh` of the sysdig/agent image, public in github.com/zjuzzb/agent-libs';
